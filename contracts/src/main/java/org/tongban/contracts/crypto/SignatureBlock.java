package org.tongban.contracts.crypto;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.json.JsonObjectReader;
import org.tongban.contracts.json.JsonObjectWriter;

import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The {@code signature} member of a signed document: algorithm, key id and the signature value
 * in base64url without padding. It covers the canonical bytes of the document without itself.
 */
public record SignatureBlock(SignatureAlgorithm algorithm, String keyId, byte[] value) {
    /** Key ids: letters, digits and {@code . _ : -}, at most 64. */
    public static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    public SignatureBlock {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(keyId, "keyId");
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    /**
     * Reads a signature block. An unknown algorithm is {@code ALGORITHM_UNSUPPORTED}, a value
     * that is not canonical base64url is {@code SIGNATURE_INVALID}.
     */
    public static SignatureBlock read(JsonObjectReader r) {
        String alg = r.string("alg", 32);
        SignatureAlgorithm algorithm = alg == null ? null : SignatureAlgorithm.fromWireName(alg);
        if (alg != null && algorithm == null) {
            // reported first: with an unknown algorithm nothing else about the signature matters
            r.context().add(ErrorCode.ALGORITHM_UNSUPPORTED, r.pointer() + "/alg",
                    "'" + alg + "' is not a supported signature algorithm (Ed25519, SM2-SM3)");
        }
        String keyId = r.string("keyId", 64, KEY_ID, "a key id of letters, digits and . _ : -");
        byte[] value = r.parsed("value", v -> Base64Url.decode(v, ErrorCode.SIGNATURE_INVALID, "the signature value"));
        return r.build(() -> new SignatureBlock(algorithm, keyId, value));
    }

    public ObjectNode toJson() {
        return JsonObjectWriter.create()
                .put("alg", algorithm.wireName())
                .put("keyId", keyId)
                .put("value", Base64Url.encode(value))
                .node();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignatureBlock && ((SignatureBlock) o).algorithm == algorithm
                && ((SignatureBlock) o).keyId.equals(keyId) && Arrays.equals(((SignatureBlock) o).value, value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(algorithm, keyId, Arrays.hashCode(value));
    }

    @Override
    public String toString() {
        return "SignatureBlock[" + algorithm + ", " + keyId + "]";
    }
}
