package org.tongban.contracts.testing;

import org.tongban.contracts.crypto.KeyFile;
import org.tongban.contracts.crypto.SignatureAlgorithm;
import org.tongban.contracts.directory.DirectoryKey;
import org.tongban.contracts.directory.DirectoryMember;
import org.tongban.contracts.directory.DirectoryNode;
import org.tongban.contracts.directory.DirectorySignatures;
import org.tongban.contracts.directory.DirectoryTrustStore;
import org.tongban.contracts.directory.FederationDirectory;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.message.Contact;
import org.tongban.contracts.message.ContactRole;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A signed test directory of the demo federation's members: north node (Harbin, Tianjin,
 * Shijiazhuang), east (Hangzhou, Taizhou, Jinhua), south (Kunming, Nanning, Haikou, Xianning,
 * Guangzhou). Each member has an Ed25519 and an SM2 test key.
 */
public final class TestDirectory {
    public static final MemberId HARBIN = MemberId.of("230100");
    public static final MemberId TIANJIN = MemberId.of("120000");
    public static final MemberId SHIJIAZHUANG = MemberId.of("130100");
    public static final MemberId HANGZHOU = MemberId.of("330100");
    public static final MemberId KUNMING = MemberId.of("530100");
    public static final MemberId NANNING = MemberId.of("450100");
    public static final MemberId HAIKOU = MemberId.of("460100");
    public static final MemberId XIANNING = MemberId.of("421200");
    public static final MemberId TAIZHOU = MemberId.of("331000");
    public static final MemberId GUANGZHOU = MemberId.of("440100");
    public static final MemberId JINHUA = MemberId.of("330700");

    private TestDirectory() {
    }

    /** The directory, signed by {@link TestKeys#anchor()}, issued 2026-01-01 and valid until 2031. */
    public static FederationDirectory signed() {
        return DirectorySignatures.sign(unsigned(), TestKeys.anchorKey().signer());
    }

    public static DirectoryTrustStore trustStore() {
        return new DirectoryTrustStore(signed());
    }

    public static FederationDirectory unsigned() {
        List<DirectoryNode> nodes = List.of(
                new DirectoryNode("north", URI.create("https://north.tongban.test:8443"), List.of()),
                new DirectoryNode("east", URI.create("https://east.tongban.test:8443"), List.of()),
                new DirectoryNode("south", URI.create("https://south.tongban.test:8443"), List.of()));
        List<DirectoryMember> members = new ArrayList<>();
        members.add(member(HARBIN, "哈尔滨市", "north", "national"));
        members.add(member(TIANJIN, "天津市", "north", "national"));
        members.add(member(SHIJIAZHUANG, "石家庄市", "north", "national"));
        members.add(member(HANGZHOU, "杭州市", "east", "same-day"));
        members.add(member(TAIZHOU, "台州市", "east", "national"));
        members.add(member(JINHUA, "金华市", "east", "24h"));
        members.add(member(KUNMING, "昆明市", "south", "national"));
        members.add(member(NANNING, "南宁市", "south", "national"));
        members.add(member(HAIKOU, "海口市", "south", "national"));
        members.add(member(XIANNING, "咸宁市", "south", "national"));
        members.add(member(GUANGZHOU, "广州市", "south", "national"));
        return new FederationDirectory("tongban-test", 1, OffsetDateTime.parse("2026-01-01T00:00:00+08:00"),
                OffsetDateTime.parse("2031-01-01T00:00:00+08:00"), nodes, members, null);
    }

    private static DirectoryMember member(MemberId id, String name, String node, String profile) {
        List<DirectoryKey> keys = new ArrayList<>();
        for (SignatureAlgorithm alg : SignatureAlgorithm.values()) {
            KeyFile k = TestKeys.member(id.value(), alg);
            keys.add(new DirectoryKey(k.keyId(), k.publicKey(), k.validFrom(), k.validUntil()));
        }
        Contact contact = new Contact(name + "信用办", ContactRole.CREDIT_OFFICE, "0000-00000000",
                "credit-office-" + id + "@tongban.test");
        return new DirectoryMember(id, name, node, keys, List.of(contact), profile);
    }
}
