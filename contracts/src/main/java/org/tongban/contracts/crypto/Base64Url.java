package org.tongban.contracts.crypto;

import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;

import java.util.Base64;

/**
 * Base64url without padding (RFC 4648 §5), decoded strictly: a string with padding, characters
 * outside the alphabet or non-zero unused trailing bits is refused, so every byte string has
 * exactly one accepted text. Without that rule a signature could be altered without being
 * noticed.
 */
public final class Base64Url {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Base64Url() {
    }

    public static String encode(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }

    /** Decodes, or throws {@link ContractException} with {@code code} when the text is not canonical. */
    public static byte[] decode(String text, ErrorCode code, String what) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                throw new ContractException(code, "", what + " is not base64url without padding");
            }
        }
        if (text.length() % 4 == 1) {
            throw new ContractException(code, "", what + " has an impossible base64url length");
        }
        byte[] bytes = DECODER.decode(text);
        if (!ENCODER.encodeToString(bytes).equals(text)) {
            throw new ContractException(code, "", what + " is not in canonical base64url (unused bits set)");
        }
        return bytes;
    }
}
