package org.tongban.gateway.devfed;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import org.tongban.contracts.crypto.KeyFile;
import org.tongban.contracts.crypto.SignatureAlgorithm;
import org.tongban.contracts.crypto.SigningKey;
import org.tongban.contracts.directory.DirectoryKey;
import org.tongban.contracts.directory.DirectoryMember;
import org.tongban.contracts.directory.DirectoryNode;
import org.tongban.contracts.directory.DirectorySignatures;
import org.tongban.contracts.directory.FederationDirectory;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.json.Canonicalizer;
import org.tongban.contracts.message.Contact;
import org.tongban.contracts.message.ContactRole;
import org.tongban.gateway.tls.NodeTls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes everything a federation on one machine needs into a directory: a trust anchor, one
 * Ed25519 signing key per member, a TLS certificate per node, the directory signed by the anchor,
 * and one configuration file per node ({@code <node>.yaml}). Secrets stay in that directory.
 */
public final class DevFederation {
    private final Path dir;
    private final FederationPlan plan;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public DevFederation(Path dir, FederationPlan plan, Clock clock) {
        this.dir = dir;
        this.plan = plan;
        this.clock = clock;
    }

    /** What was written: the configuration file of each node, and the shared JWT secret. */
    public record Written(Map<String, Path> nodeConfigs, Path directory, Path anchor, String jwtSecret) {
    }

    public Written write() {
        try {
            Files.createDirectories(dir.resolve("keys"));
            Files.createDirectories(dir.resolve("tls"));
            OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.ofHours(8));
            OffsetDateTime from = now.minusDays(1);
            OffsetDateTime until = now.plusYears(5);

            KeyFile anchor = newKey("anchor-" + plan.federationId(), null, from, until);
            writeJson(dir.resolve("anchor.key.json"), anchor.toJson());
            writeJson(dir.resolve("anchor.json"), anchor.publicOnly().toJson());

            List<DirectoryNode> nodes = new ArrayList<>();
            List<DirectoryMember> members = new ArrayList<>();
            Map<String, Path> configs = new HashMap<>();
            String jwtSecret = randomSecret();
            for (FederationPlan.NodePlan n : plan.nodes()) {
                String scheme = plan.development() ? "http" : "https";
                List<String> pins = new ArrayList<>();
                if (!plan.development()) {
                    NodeTls.Generated cert = NodeTls.generate(n.id(), dir.resolve("tls").resolve(n.id() + ".crt.pem"),
                            dir.resolve("tls").resolve(n.id() + ".key.pem"));
                    pins.add(cert.fingerprint());
                }
                nodes.add(new DirectoryNode(n.id(), URI.create(scheme + "://" + n.host() + ":" + n.federationPort()), pins));
                for (FederationPlan.MemberPlan m : n.members()) {
                    KeyFile key = newKey(m.id() + "-" + now.getYear() + "-1", MemberId.of(m.id()), from, until);
                    writeJson(dir.resolve("keys").resolve(m.id() + ".json"), key.toJson());
                    members.add(new DirectoryMember(MemberId.of(m.id()), m.name(), n.id(),
                            List.of(new DirectoryKey(key.keyId(), key.publicKey(), from, until)),
                            List.of(new Contact(m.name() + "信用办", ContactRole.CREDIT_OFFICE, "12345",
                                    "credit-" + m.id() + "@" + plan.federationId() + ".test")), m.slaProfile()));
                }
                configs.put(n.id(), dir.resolve(n.id() + ".yaml"));
            }
            FederationDirectory directory = DirectorySignatures.sign(new FederationDirectory(plan.federationId(), 1, now,
                    now.plusYears(1), nodes, members, null), anchor.signer());
            writeJson(dir.resolve("directory.json"), directory.toJson());
            for (FederationPlan.NodePlan n : plan.nodes()) {
                writeYaml(configs.get(n.id()), nodeConfig(n, jwtSecret));
            }
            return new Written(configs, dir.resolve("directory.json"), dir.resolve("anchor.json"), jwtSecret);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the federation into " + dir, e);
        }
    }

    private ObjectNode nodeConfig(FederationPlan.NodePlan n, String jwtSecret) throws IOException {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        root.putObject("node").put("id", n.id()).put("profile", plan.development() ? "development" : "production")
                .put("dataDir", "data/" + n.id());
        root.putObject("federation").put("directory", "directory.json").put("anchor", "anchor.json").put("refreshEvery", "10s");
        ArrayNode members = root.putArray("members");
        for (FederationPlan.MemberPlan mp : n.members()) {
            ObjectNode mo = members.addObject().put("id", mp.id());
            mo.putArray("keys").add("keys/" + mp.id() + ".json");
            ObjectNode adapter = mo.putObject("adapter").put("type", mp.adapterType());
            ObjectNode settings = mp.adapterSettings() == null ? m.createObjectNode() : mp.adapterSettings().deepCopy();
            for (Map.Entry<String, String> secret : new java.util.TreeMap<>(mp.adapterSecrets()).entrySet()) {
                setPath(settings, secret.getKey(), m.createObjectNode().put("secret", "file:"
                        + writeSecret(mp.id(), secret.getKey(), secret.getValue())));
            }
            adapter.set("settings", settings);
        }
        ObjectNode listen = root.putObject("listen");
        listen.putObject("federation").put("host", n.host()).put("port", n.federationPort());
        listen.putObject("office").put("host", n.host()).put("port", n.officePort());
        listen.putObject("ops").put("host", n.host()).put("port", n.opsPort());
        if (!plan.development()) {
            root.putObject("tls").put("certificate", "tls/" + n.id() + ".crt.pem").put("privateKey", "tls/" + n.id() + ".key.pem");
        }
        ObjectNode store = root.putObject("store");
        if (n.store() != null) {
            store.setAll(n.store());
        } else {
            store.put("kind", "embedded").put("path", "data/" + n.id() + "/tongban.db");
        }
        root.putObject("office").put("jwtSecret", jwtSecret).put("jwtIssuer", plan.federationId());
        return root;
    }

    /** Writes one adapter credential to {@code secrets/<member>/<key>}; returns that path, relative to {@link #dir}. */
    private String writeSecret(String member, String key, String value) throws IOException {
        Path rel = Path.of("secrets", member, key);
        Path file = dir.resolve(rel);
        Files.createDirectories(file.getParent());
        Files.writeString(file, value);
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the directory's own protection has to do
        }
        return rel.toString().replace('\\', '/');
    }

    private static void setPath(ObjectNode root, String dotted, com.fasterxml.jackson.databind.JsonNode value) {
        String[] parts = dotted.split("\\.");
        ObjectNode at = root;
        for (int i = 0; i < parts.length - 1; i++) {
            com.fasterxml.jackson.databind.JsonNode next = at.get(parts[i]);
            at = next instanceof ObjectNode ? (ObjectNode) next : at.putObject(parts[i]);
        }
        at.set(parts[parts.length - 1], value);
    }

    private KeyFile newKey(String keyId, MemberId member, OffsetDateTime from, OffsetDateTime until) {
        SigningKey key = SigningKey.generate(SignatureAlgorithm.ED25519, random);
        return new KeyFile(SignatureAlgorithm.ED25519, keyId, member, key.publicKey(), key, from, until);
    }

    private String randomSecret() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return java.util.HexFormat.of().formatHex(b);
    }

    private static void writeJson(Path file, ObjectNode node) throws IOException {
        Files.write(file, Canonicalizer.canonicalize(node));
    }

    private static void writeYaml(Path file, ObjectNode node) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));
        Files.writeString(file, "# Generated by Tongban for a federation on one machine.\n" + yaml.writeValueAsString(node));
    }
}
