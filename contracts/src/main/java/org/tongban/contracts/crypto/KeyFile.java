package org.tongban.contracts.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.json.JsonObjectReader;
import org.tongban.contracts.json.JsonObjectWriter;
import org.tongban.contracts.json.ReadContext;
import org.tongban.contracts.json.StrictJson;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A key as stored in a file: a private key file carries {@code privateKey} and {@code publicKey};
 * a public key file (for the directory, or a trust anchor) carries {@code publicKey} only.
 * <pre>{"alg":"Ed25519","keyId":"330100-2026-1","member":"330100","publicKey":"…","privateKey":"…",
 *  "validFrom":"2026-01-01T00:00:00+08:00","validUntil":"2028-01-01T00:00:00+08:00"}</pre>
 *
 * @param member     the owning member; absent for a trust anchor
 * @param privateKey the private key, absent in a public key file
 */
public record KeyFile(SignatureAlgorithm algorithm, String keyId, MemberId member, VerificationKey publicKey,
                      SigningKey privateKey, OffsetDateTime validFrom, OffsetDateTime validUntil) {
    public KeyFile {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validUntil, "validUntil");
        if (!validUntil.isAfter(validFrom)) {
            throw new ContractException(ErrorCode.KEY_INVALID, "/validUntil", "validUntil must be after validFrom");
        }
        if (privateKey != null && !privateKey.publicKey().equals(publicKey)) {
            throw new ContractException(ErrorCode.KEY_INVALID, "/publicKey", "the public key does not belong to the private key");
        }
    }

    public boolean hasPrivateKey() {
        return privateKey != null;
    }

    /** The same key without its private part. */
    public KeyFile publicOnly() {
        return new KeyFile(algorithm, keyId, member, publicKey, null, validFrom, validUntil);
    }

    public MessageSigner signer() {
        if (privateKey == null) {
            throw new ContractException(ErrorCode.KEY_INVALID, "/privateKey", "key " + keyId + " has no private part here");
        }
        return new SoftwareSigner(keyId, privateKey);
    }

    public ObjectNode toJson() {
        return JsonObjectWriter.create()
                .put("alg", algorithm.wireName())
                .put("keyId", keyId)
                .putText("member", member)
                .put("publicKey", publicKey.toBase64Url())
                .put("privateKey", privateKey == null ? null : privateKey.toBase64Url())
                .put("validFrom", validFrom)
                .put("validUntil", validUntil)
                .node();
    }

    public static KeyFile parse(byte[] json) {
        return read(StrictJson.defaults().parse(json));
    }

    public static KeyFile read(JsonNode node) {
        ReadContext ctx = ReadContext.strict();
        JsonObjectReader r = JsonObjectReader.of(node, "", ctx);
        if (r == null) {
            ctx.throwIfAny();
        }
        String alg = r.string("alg", 32);
        SignatureAlgorithm algorithm = alg == null ? null : SignatureAlgorithm.fromWireName(alg);
        if (alg != null && algorithm == null) {
            throw new ContractException(ErrorCode.ALGORITHM_UNSUPPORTED, "/alg", "'" + alg + "' is not supported");
        }
        String keyId = r.string("keyId", 64, SignatureBlock.KEY_ID, "a key id of letters, digits and . _ : -");
        MemberId member = r.optParsed("member", MemberId::of);
        VerificationKey pub = algorithm == null ? null : r.parsed("publicKey", v -> VerificationKey.fromBase64Url(algorithm, v));
        SigningKey priv = algorithm == null ? null : r.optParsed("privateKey", v -> SigningKey.fromBase64Url(algorithm, v));
        OffsetDateTime from = r.timestamp("validFrom");
        OffsetDateTime until = r.timestamp("validUntil");
        KeyFile file = r.build(() -> new KeyFile(algorithm, keyId, member, pub, priv, from, until));
        ctx.throwIfAny();
        return file;
    }

    public KeyEntry toKeyEntry() {
        if (member == null) {
            throw new ContractException(ErrorCode.FIELD_REQUIRED, "/member", "key " + keyId + " names no member");
        }
        return new KeyEntry(keyId, member, publicKey, validFrom, validUntil);
    }
}
