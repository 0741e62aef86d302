package org.tongban.contracts.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tongban.contracts.crypto.SignatureBlock;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.json.Canonicalizer;
import org.tongban.contracts.json.JsonObjectReader;
import org.tongban.contracts.json.JsonObjectWriter;
import org.tongban.contracts.json.ReadContext;

import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The federation directory (联盟目录): who the members are, which node hosts each, their public
 * keys with validity windows, contacts and SLA profiles. It is signed by the federation's trust
 * anchor key and has a serial that grows with every edition and a validity end; nodes refresh it
 * and keep using a cached copy while it is valid.
 */
public record FederationDirectory(String federation, long serial, OffsetDateTime issuedAt, OffsetDateTime validUntil,
                                  List<DirectoryNode> nodes, List<DirectoryMember> members, SignatureBlock signature) {
    /** Value of the {@code format} member. */
    public static final String FORMAT = "tongban/federation-directory";
    /** Largest serial: 2^53 - 1, the largest integer the canonical form (ECMAScript numbers) keeps exact. */
    public static final long MAX_SERIAL = (1L << 53) - 1;
    public static final String VERSION = "1.0";
    private static final Pattern FEDERATION = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public FederationDirectory {
        Objects.requireNonNull(federation, "federation");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(validUntil, "validUntil");
        nodes = List.copyOf(nodes);
        members = List.copyOf(members);
        checkConsistency(nodes, members);
        if (!validUntil.isAfter(issuedAt)) {
            throw new ContractException(ErrorCode.DIRECTORY_INVALID, "/validUntil", "validUntil must be after issuedAt");
        }
    }

    private static void checkConsistency(List<DirectoryNode> nodes, List<DirectoryMember> members) {
        Set<String> nodeIds = new HashSet<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (!nodeIds.add(nodes.get(i).id())) {
                throw new ContractException(ErrorCode.DIRECTORY_INVALID, "/nodes/" + i + "/id",
                        "node " + nodes.get(i).id() + " is listed twice");
            }
        }
        Set<MemberId> memberIds = new HashSet<>();
        Set<String> keyIds = new HashSet<>();
        for (int i = 0; i < members.size(); i++) {
            DirectoryMember m = members.get(i);
            if (!memberIds.add(m.id())) {
                throw new ContractException(ErrorCode.DIRECTORY_INVALID, "/members/" + i + "/id",
                        "member " + m.id() + " is listed twice");
            }
            if (!nodeIds.contains(m.node())) {
                throw new ContractException(ErrorCode.DIRECTORY_INVALID, "/members/" + i + "/node",
                        "member " + m.id() + " names node " + m.node() + ", which is not listed");
            }
            for (int k = 0; k < m.keys().size(); k++) {
                if (!keyIds.add(m.keys().get(k).keyId())) {
                    throw new ContractException(ErrorCode.DIRECTORY_INVALID, "/members/" + i + "/keys/" + k + "/keyId",
                            "key id " + m.keys().get(k).keyId() + " is used twice; key ids are unique in the federation");
                }
            }
        }
    }

    public Optional<DirectoryMember> member(MemberId id) {
        return members.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    public Optional<DirectoryNode> node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
    }

    /** The node hosting a member. */
    public Optional<DirectoryNode> nodeOf(MemberId id) {
        return member(id).flatMap(m -> node(m.node()));
    }

    public FederationDirectory withSignature(SignatureBlock block) {
        return new FederationDirectory(federation, serial, issuedAt, validUntil, nodes, members, block);
    }

    public ObjectNode toJson() {
        return JsonObjectWriter.create()
                .put("format", FORMAT)
                .put("version", VERSION)
                .put("federation", federation)
                .put("serial", serial)
                .put("issuedAt", issuedAt)
                .put("validUntil", validUntil)
                .putRequiredList("nodes", nodes, n -> n.write().node())
                .putRequiredList("members", members, m -> m.write().node())
                .put("signature", signature == null ? null : signature.toJson())
                .node();
    }

    /** The bytes the anchor's signature covers. */
    public byte[] signedBytes() {
        return Canonicalizer.canonicalizeWithout(toJson(), Set.of("signature"));
    }

    /** Binds a parsed directory document, strictly. Does not check the signature. */
    public static FederationDirectory read(JsonNode document) {
        if (document == null || !document.isObject()) {
            throw new ContractException(ErrorCode.DIRECTORY_INVALID, "", "a directory is a JSON object");
        }
        ReadContext ctx = ReadContext.strict();
        JsonObjectReader r = JsonObjectReader.of(document, "", ctx);
        JsonNode format = document.get("format");
        if (format == null || !FORMAT.equals(format.asText())) {
            throw new ContractException(ErrorCode.DIRECTORY_INVALID, "/format", "'format' must be \"" + FORMAT + "\"");
        }
        JsonNode version = document.get("version");
        // MAJOR.MINOR as in ContractVersion: "1.0\n" or "1.x" is not a version
        if (version == null || !version.isTextual() || !version.textValue().matches("1\\.(0|[1-9][0-9]{0,3})")) {
            throw new ContractException(ErrorCode.VERSION_UNSUPPORTED, "/version", "directory version 1.x is supported");
        }
        r.accept("format");
        r.accept("version");
        String federation = r.string("federation", 63, FEDERATION, "a federation id of lower-case letters, digits and -");
        // at most 2^53 - 1: beyond it the canonical form (ECMAScript numbers) cannot tell serials apart
        Long serial = r.integer("serial", 1, MAX_SERIAL);
        OffsetDateTime issuedAt = r.timestamp("issuedAt");
        OffsetDateTime validUntil = r.timestamp("validUntil");
        List<DirectoryNode> nodes = r.list("nodes", 1, 1000, DirectoryNode::read);
        List<DirectoryMember> members = r.list("members", 1, 5000, DirectoryMember::read);
        SignatureBlock signature = r.optObject("signature", SignatureBlock::read);
        FederationDirectory dir = r.build(() -> new FederationDirectory(federation, serial, issuedAt, validUntil, nodes,
                members, signature));
        ctx.throwIfAny();
        return dir;
    }
}
