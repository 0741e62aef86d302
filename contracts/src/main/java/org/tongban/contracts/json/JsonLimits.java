package org.tongban.contracts.json;

/**
 * Limits enforced while a document is read, before it is fully materialised.
 *
 * @param maxDocumentBytes  largest accepted document, in bytes of UTF-8
 * @param maxDepth          deepest accepted nesting of objects and arrays (the root is depth 1)
 * @param maxStringChars    longest accepted string (member names included), in UTF-16 units
 * @param maxArrayItems     largest accepted array
 */
public record JsonLimits(int maxDocumentBytes, int maxDepth, int maxStringChars, int maxArrayItems) {

    public static final int DEFAULT_MAX_DOCUMENT_BYTES = 4 * 1024 * 1024;
    public static final int DEFAULT_MAX_DEPTH = 16;
    public static final int DEFAULT_MAX_STRING_CHARS = 16 * 1024;
    public static final int DEFAULT_MAX_ARRAY_ITEMS = 10_000;

    /** Limits for envelopes on the federation path; a batch of 10,000 notices fits. */
    public static final JsonLimits DEFAULT = new JsonLimits(DEFAULT_MAX_DOCUMENT_BYTES, DEFAULT_MAX_DEPTH,
            DEFAULT_MAX_STRING_CHARS, DEFAULT_MAX_ARRAY_ITEMS);

    /** Generous limits for canonicalising arbitrary JSON (the CLI, conformance data). */
    public static final JsonLimits LENIENT = new JsonLimits(64 * 1024 * 1024, 256, 16 * 1024 * 1024, 10_000_000);

    public JsonLimits {
        if (maxDocumentBytes < 2 || maxDepth < 1 || maxStringChars < 1 || maxArrayItems < 1) {
            throw new IllegalArgumentException("JSON limits must be positive");
        }
    }

    public JsonLimits withMaxDocumentBytes(int bytes) {
        return new JsonLimits(bytes, maxDepth, maxStringChars, maxArrayItems);
    }
}
