package org.tongban.contracts.crypto;

import org.tongban.contracts.id.MemberId;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A public key the federation trusts, with its owner and validity window
 * ({@code validFrom} inclusive, {@code validUntil} exclusive).
 */
public record KeyEntry(String keyId, MemberId owner, VerificationKey key, OffsetDateTime validFrom,
                       OffsetDateTime validUntil) {
    public KeyEntry {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validUntil, "validUntil");
    }

    public boolean isValidAt(Instant t) {
        return !t.isBefore(validFrom.toInstant()) && t.isBefore(validUntil.toInstant());
    }
}
