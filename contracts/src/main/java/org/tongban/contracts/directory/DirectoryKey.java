package org.tongban.contracts.directory;

import org.tongban.contracts.crypto.SignatureAlgorithm;
import org.tongban.contracts.crypto.SignatureBlock;
import org.tongban.contracts.crypto.VerificationKey;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.json.JsonObjectReader;
import org.tongban.contracts.json.JsonObjectWriter;

import java.time.OffsetDateTime;
import java.util.Objects;

/** A member's public signing key in the directory, valid from {@code validFrom} (inclusive) until {@code validUntil} (exclusive). */
public record DirectoryKey(String keyId, VerificationKey key, OffsetDateTime validFrom, OffsetDateTime validUntil) {
    public DirectoryKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validUntil, "validUntil");
        if (!validUntil.isAfter(validFrom)) {
            throw new ContractException(ErrorCode.DIRECTORY_INVALID, "/validUntil", "validUntil must be after validFrom");
        }
    }

    static DirectoryKey read(JsonObjectReader r) {
        String keyId = r.string("keyId", 64, SignatureBlock.KEY_ID, "a key id of letters, digits and . _ : -");
        String alg = r.string("alg", 32);
        SignatureAlgorithm algorithm = alg == null ? null : SignatureAlgorithm.fromWireName(alg);
        if (alg != null && algorithm == null) {
            r.context().add(ErrorCode.ALGORITHM_UNSUPPORTED, r.pointer() + "/alg", "'" + alg + "' is not supported");
        }
        VerificationKey key = algorithm == null ? null
                : r.parsed("publicKey", v -> VerificationKey.fromBase64Url(algorithm, v));
        if (algorithm == null) {
            r.accept("publicKey");
        }
        OffsetDateTime from = r.timestamp("validFrom");
        OffsetDateTime until = r.timestamp("validUntil");
        return r.build(() -> new DirectoryKey(keyId, key, from, until));
    }

    JsonObjectWriter write() {
        return JsonObjectWriter.create()
                .put("keyId", keyId)
                .put("alg", key.algorithm().wireName())
                .put("publicKey", key.toBase64Url())
                .put("validFrom", validFrom)
                .put("validUntil", validUntil);
    }
}
