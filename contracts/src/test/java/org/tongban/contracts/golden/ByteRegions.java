package org.tongban.contracts.golden;

import org.tongban.contracts.error.ErrorCode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.tongban.contracts.error.ErrorCode.*;

/**
 * Labels every byte of a canonical signed envelope with the part of the envelope it belongs to,
 * from the JSON structure, and says which refusal codes a change to that byte may cause.
 * Canonical JSON has no whitespace, so every byte is part of a name, a value or the structure.
 */
final class ByteRegions {
    /** Parts of a signed envelope, each with the codes a one-byte change there may produce. */
    enum Region {
        /** Braces, brackets, colons and commas: any change breaks the syntax. */
        STRUCTURE(EnumSet.of(JSON_MALFORMED)),
        /** A member name in the signed content; a change may also collide with a sibling's name. */
        CONTENT_NAME(EnumSet.of(SIGNATURE_INVALID, JSON_DUPLICATE_KEY, JSON_MALFORMED, JSON_INVALID_UNICODE)),
        /** A value in the signed content; a digit turned into an exponent can overflow a double. */
        CONTENT_VALUE(EnumSet.of(SIGNATURE_INVALID, NUMBER_OUT_OF_RANGE, JSON_MALFORMED, JSON_INVALID_UNICODE)),
        /** {@code "contract":"tongban/credit-repair"}, checked before the signature. */
        CONTRACT(EnumSet.of(CONTRACT_UNKNOWN, FIELD_REQUIRED, JSON_MALFORMED)),
        /** {@code "version":"1.0"}: another major is refused first; 1.1 is signed content. */
        VERSION(EnumSet.of(VERSION_UNSUPPORTED, SIGNATURE_INVALID, FIELD_REQUIRED, JSON_MALFORMED)),
        /** The member name {@code "signature"} itself. */
        SIGNATURE_NAME(EnumSet.of(SIGNATURE_MISSING, JSON_MALFORMED)),
        /** {@code "alg"}, {@code "keyId"}, {@code "value"} as names inside the signature block. */
        SIGNATURE_FIELD_NAME(EnumSet.of(FIELD_REQUIRED, JSON_MALFORMED)),
        ALG(EnumSet.of(ALGORITHM_UNSUPPORTED, JSON_MALFORMED)),
        /** The key id; another member's key of the same algorithm leaves only the signature to fail. */
        KEY_ID(EnumSet.of(KEY_UNKNOWN, FIELD_FORMAT, SIGNATURE_INVALID, JSON_MALFORMED)),
        SIGNATURE_VALUE(EnumSet.of(SIGNATURE_INVALID, JSON_MALFORMED)),
        /**
         * A name or value inside the notices of a batch, which the signature covers through the
         * signed {@code treeRoot}: refused when the payload is bound, on the root or on the notice's
         * own rules.
         */
        NOTICE(bindingCodes());

        private final Set<ErrorCode> allowed;

        Region(Set<ErrorCode> allowed) {
            this.allowed = allowed;
        }

        Set<ErrorCode> allowed() {
            return allowed;
        }

        private static Set<ErrorCode> bindingCodes() {
            Set<ErrorCode> codes = EnumSet.of(ErrorCode.BATCH_ROOT_MISMATCH, ErrorCode.MESSAGE_INCONSISTENT);
            for (ErrorCode c : ErrorCode.values()) {
                if (c.category() == org.tongban.contracts.error.ErrorCategory.VALIDATION) {
                    codes.add(c);
                }
            }
            return codes;
        }
    }

    private final byte[] b;
    private final Region[] regions;

    private ByteRegions(byte[] canonical) {
        this.b = canonical;
        this.regions = new Region[canonical.length];
    }

    /** The region of every byte of a canonical envelope. */
    static Region[] of(byte[] canonical) {
        ByteRegions r = new ByteRegions(canonical);
        int end = r.value(0, new ArrayList<>());
        if (end != canonical.length) {
            throw new IllegalArgumentException("not one canonical JSON value: " + end + " of " + canonical.length);
        }
        for (int i = 0; i < r.regions.length; i++) {
            if (r.regions[i] == null) {
                throw new IllegalStateException("byte " + i + " has no region");
            }
        }
        return r.regions;
    }

    private int value(int p, List<String> path) {
        switch (b[p]) {
            case '{':
                return container(p, path, '}', true);
            case '[':
                return container(p, path, ']', false);
            case '"': {
                int end = string(p);
                mark(p, end, classify(path, false));
                return end;
            }
            default: {
                int end = p;
                while (end < b.length && b[end] != ',' && b[end] != '}' && b[end] != ']') {
                    end++;
                }
                mark(p, end, classify(path, false));
                return end;
            }
        }
    }

    private int container(int p, List<String> path, char close, boolean object) {
        regions[p++] = Region.STRUCTURE;
        int index = 0;
        while (b[p] != close) {
            List<String> child = new ArrayList<>(path);
            if (object) {
                int nameEnd = string(p);
                child.add(new String(b, p + 1, nameEnd - p - 2, StandardCharsets.UTF_8));
                mark(p, nameEnd, classify(child, true));
                p = nameEnd;
                regions[p++] = Region.STRUCTURE; // ':'
            } else {
                child.add(Integer.toString(index++));
            }
            p = value(p, child);
            if (b[p] == ',') {
                regions[p++] = Region.STRUCTURE;
            }
        }
        regions[p++] = Region.STRUCTURE;
        return p;
    }

    /** The index just past the string starting with the quote at {@code p}. */
    private int string(int p) {
        int i = p + 1;
        while (b[i] != '"') {
            i += b[i] == '\\' ? 2 : 1;
        }
        return i + 1;
    }

    private void mark(int from, int to, Region region) {
        for (int i = from; i < to; i++) {
            regions[i] = region;
        }
    }

    private static Region classify(List<String> path, boolean name) {
        String top = path.get(0);
        if (top.equals("signature")) {
            if (path.size() == 1) {
                return Region.SIGNATURE_NAME;
            }
            if (name) {
                return Region.SIGNATURE_FIELD_NAME;
            }
            return switch (path.get(1)) {
                case "alg" -> Region.ALG;
                case "keyId" -> Region.KEY_ID;
                case "value" -> Region.SIGNATURE_VALUE;
                default -> throw new IllegalStateException("unexpected signature member " + path);
            };
        }
        if (path.size() >= 3 && top.equals("payload") && path.get(1).equals("notices")) {
            return Region.NOTICE;
        }
        if (path.size() == 1 && top.equals("contract")) {
            return Region.CONTRACT;
        }
        if (path.size() == 1 && top.equals("version")) {
            return Region.VERSION;
        }
        return name ? Region.CONTENT_NAME : Region.CONTENT_VALUE;
    }
}
