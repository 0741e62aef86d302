package org.tongban.contracts.golden;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tongban.contracts.cli.PrettyJson;
import org.tongban.contracts.crypto.EnvelopeSigner;
import org.tongban.contracts.crypto.EnvelopeVerifier;
import org.tongban.contracts.crypto.KeyFile;
import org.tongban.contracts.crypto.SignatureAlgorithm;
import org.tongban.contracts.crypto.VerificationPolicy;
import org.tongban.contracts.directory.DirectoryTrustStore;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.json.Canonicalizer;
import org.tongban.contracts.json.JsonObjectWriter;
import org.tongban.contracts.json.StrictJson;
import org.tongban.contracts.message.Envelope;
import org.tongban.contracts.message.MessageType;
import org.tongban.contracts.testing.SampleMessages;
import org.tongban.contracts.testing.TestDirectory;
import org.tongban.contracts.testing.TestKeys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Writes the golden vectors partners test against ({@code contracts/golden-vectors}): for every
 * message type the unsigned example, the exact bytes a signature covers, and the envelope signed
 * with Ed25519 and with SM2; the test keys, the signed test directory and the trust anchor.
 *
 * <p>Everything is deterministic except SM2 signatures, which draw a fresh nonce: an SM2 vector
 * that exists and still verifies over the current content is kept, so re-running the writer
 * changes nothing. {@code --regenerate-sm2} replaces them all.
 *
 * <pre>mvn -pl contracts -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.tongban.contracts.golden.GoldenVectorWriter -Dexec.args=contracts/golden-vectors</pre>
 */
public final class GoldenVectorWriter {
    /**
     * The vectors' folder: {@code golden-vectors} in the {@code contracts} module, found from the
     * module (the working directory of its tests) or from the repository root.
     */
    public static final Path MODULE_DIR = Files.isDirectory(Path.of("contracts", "golden-vectors"))
            ? Path.of("contracts", "golden-vectors") : Path.of("golden-vectors");
    /** The members whose keys sign the sample messages. */
    static final String[] SIGNING_MEMBERS = {"230100", "330100"};
    static final String PRIVATE_KEYS = "keys/private-TEST-ONLY/";
    static final String PUBLIC_KEYS = "keys/public/";

    private GoldenVectorWriter() {
    }

    public static void main(String[] args) throws IOException {
        boolean regenerateSm2 = Arrays.asList(args).contains("--regenerate-sm2");
        Path dir = Arrays.stream(args).filter(a -> !a.startsWith("--")).findFirst().map(Path::of).orElse(MODULE_DIR);
        Files.createDirectories(dir);
        Map<String, byte[]> files = deterministicFiles();
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            write(dir.resolve(f.getKey()), f.getValue());
        }
        int kept = 0;
        int written = 0;
        for (Envelope unsigned : SampleMessages.everyType().values()) {
            Path file = dir.resolve(sm2Name(unsigned.type()));
            if (!regenerateSm2 && Files.exists(file) && stillValid(Files.readAllBytes(file), unsigned)) {
                kept++;
                continue;
            }
            write(file, sign(unsigned, SignatureAlgorithm.SM2_SM3).canonicalBytes());
            written++;
        }
        System.out.printf("golden vectors in %s: %d deterministic files; SM2 vectors: %d kept, %d written%n",
                dir.toAbsolutePath().normalize(), files.size(), kept, written);
    }

    /** Every file whose bytes do not depend on chance, by path relative to the vectors' folder. */
    public static Map<String, byte[]> deterministicFiles() {
        Map<String, byte[]> out = new LinkedHashMap<>();
        ArrayNode index = JsonNodeFactory.instance.arrayNode();
        for (Envelope unsigned : SampleMessages.everyType().values()) {
            String type = unsigned.type().wireName();
            out.put(type + ".unsigned.json", PrettyJson.bytes(unsigned.toJson()));
            out.put(type + ".canonical", unsigned.signedBytes());
            out.put(ed25519Name(unsigned.type()), sign(unsigned, SignatureAlgorithm.ED25519).canonicalBytes());
            index.add(indexEntry(unsigned));
        }
        for (String member : SIGNING_MEMBERS) {
            for (SignatureAlgorithm alg : SignatureAlgorithm.values()) {
                KeyFile k = TestKeys.member(member, alg);
                out.put(PUBLIC_KEYS + k.keyId() + ".json", PrettyJson.bytes(k.publicOnly().toJson()));
                out.put(PRIVATE_KEYS + k.keyId() + ".json", PrettyJson.bytes(k.toJson()));
            }
        }
        KeyFile anchor = TestKeys.anchorKey();
        out.put(PRIVATE_KEYS + anchor.keyId() + ".json", PrettyJson.bytes(anchor.toJson()));
        out.put("anchor.json", PrettyJson.bytes(anchor.publicOnly().toJson()));
        out.put("directory.json", Canonicalizer.canonicalize(TestDirectory.signed().toJson()));
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("directory", "directory.json");
        root.put("anchor", "anchor.json");
        root.set("vectors", index);
        out.put("index.json", PrettyJson.bytes(root));
        return out;
    }

    public static String ed25519Name(MessageType type) {
        return type.wireName() + ".ed25519.json";
    }

    public static String sm2Name(MessageType type) {
        return type.wireName() + ".sm2.json";
    }

    /** The envelope signed by its sender's test key of the given algorithm. */
    static Envelope sign(Envelope unsigned, SignatureAlgorithm alg) {
        return new EnvelopeSigner(TestKeys.member(unsigned.from().value(), alg).signer()).sign(unsigned);
    }

    private static ObjectNode indexEntry(Envelope e) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        String type = e.type().wireName();
        n.put("type", type);
        n.put("messageId", e.messageId().toString());
        n.put("from", e.from().value());
        n.put("to", e.to().value());
        n.put("sentAt", JsonObjectWriter.timestamp(e.sentAt()));
        n.put("verifyAt", JsonObjectWriter.timestamp(e.sentAt()));
        n.put("unsigned", type + ".unsigned.json");
        n.put("canonical", type + ".canonical");
        ObjectNode signed = n.putObject("signed");
        for (SignatureAlgorithm alg : SignatureAlgorithm.values()) {
            ObjectNode s = signed.putObject(alg.wireName());
            s.put("file", alg == SignatureAlgorithm.ED25519 ? ed25519Name(e.type()) : sm2Name(e.type()));
            s.put("keyId", TestKeys.member(e.from().value(), alg).keyId());
        }
        return n;
    }

    /** True when an existing SM2 vector still verifies and signs exactly the current content. */
    static boolean stillValid(byte[] signed, Envelope unsigned) {
        try {
            JsonNode tree = StrictJson.defaults().parse(signed);
            EnvelopeVerifier v = new EnvelopeVerifier(new DirectoryTrustStore(TestDirectory.signed()),
                    Clock.fixed(unsigned.sentAt().toInstant(), ZoneOffset.UTC), VerificationPolicy.ARCHIVE,
                    StrictJson.defaults());
            v.verify(tree);
            return Arrays.equals(Canonicalizer.split(tree, Envelope.SIGNATURE_MEMBER).without(), unsigned.signedBytes())
                    && Arrays.equals(Canonicalizer.canonicalize(tree), signed)
                    && SignatureAlgorithm.SM2_SM3.wireName().equals(tree.path("signature").path("alg").asText());
        } catch (ContractException e) {
            return false;
        }
    }

    /** The names of the files the writer produces, SM2 included, for checks on the folder. */
    public static TreeSet<String> allFileNames() {
        TreeSet<String> names = new TreeSet<>(deterministicFiles().keySet());
        for (MessageType t : SampleMessages.everyType().keySet()) {
            names.add(sm2Name(t));
        }
        return names;
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        if (Files.exists(file) && Arrays.equals(Files.readAllBytes(file), bytes)) {
            return;
        }
        Files.write(file, bytes);
    }
}
