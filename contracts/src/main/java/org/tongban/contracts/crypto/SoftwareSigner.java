package org.tongban.contracts.crypto;

import java.util.Objects;

/** A {@link MessageSigner} over a {@link SigningKey} held in memory. */
public record SoftwareSigner(String keyId, SigningKey key) implements MessageSigner {
    public SoftwareSigner {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(key, "key");
    }

    @Override
    public SignatureAlgorithm algorithm() {
        return key.algorithm();
    }

    @Override
    public byte[] sign(byte[] data) {
        return key.sign(data);
    }

    @Override
    public String toString() {
        return "SoftwareSigner[" + keyId + ", " + key.algorithm() + "]";
    }
}
