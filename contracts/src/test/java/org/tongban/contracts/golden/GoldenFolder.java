package org.tongban.contracts.golden;

import com.fasterxml.jackson.databind.JsonNode;
import org.tongban.contracts.crypto.EnvelopeVerifier;
import org.tongban.contracts.crypto.KeyFile;
import org.tongban.contracts.crypto.VerificationPolicy;
import org.tongban.contracts.directory.DirectorySignatures;
import org.tongban.contracts.directory.DirectoryTrustStore;
import org.tongban.contracts.directory.TrustAnchor;
import org.tongban.contracts.json.StrictJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

/** The committed golden vectors, read the way a partner reads them: from the files alone. */
final class GoldenFolder {
    static final Path DIR = GoldenVectorWriter.MODULE_DIR;

    private GoldenFolder() {
    }

    static byte[] read(String name) {
        try {
            return Files.readAllBytes(DIR.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("golden vector " + name + " (run GoldenVectorWriter)", e);
        }
    }

    /** The signed vectors, Ed25519 and SM2, by file name. */
    static List<String> signedVectors() {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".ed25519.json") || n.endsWith(".sm2.json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Instant sentAt(byte[] signedVector) {
        JsonNode tree = StrictJson.defaults().parse(signedVector);
        return OffsetDateTime.parse(tree.get("sentAt").textValue()).toInstant();
    }

    static TrustAnchor anchor() {
        KeyFile k = KeyFile.parse(read("anchor.json"));
        return new TrustAnchor(k.keyId(), k.publicKey(), k.validFrom(), k.validUntil());
    }

    /** The trust store of the committed directory, itself verified against the committed anchor. */
    static DirectoryTrustStore trustStore(Instant at) {
        return new DirectoryTrustStore(DirectorySignatures.verify(read("directory.json"), anchor(), at));
    }

    /** What {@code tongban verify --at SENT_AT} does: the archive policy at the given instant. */
    static EnvelopeVerifier verifierAt(Instant at) {
        return new EnvelopeVerifier(trustStore(at), Clock.fixed(at, ZoneOffset.UTC), VerificationPolicy.ARCHIVE,
                StrictJson.defaults());
    }
}
