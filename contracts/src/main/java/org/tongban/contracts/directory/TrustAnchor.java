package org.tongban.contracts.directory;

import org.tongban.contracts.crypto.VerificationKey;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * The federation's trust anchor (信任锚): the public key that signs the directory. Every node is
 * configured with it out of band; nothing signed by another key is taken as the directory.
 */
public record TrustAnchor(String keyId, VerificationKey key, OffsetDateTime validFrom, OffsetDateTime validUntil) {
    public TrustAnchor {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validUntil, "validUntil");
    }

    public boolean isValidAt(Instant t) {
        return !t.isBefore(validFrom.toInstant()) && t.isBefore(validUntil.toInstant());
    }
}
