package org.tongban.contracts.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.POJONode;

import java.util.Objects;

/**
 * A JSON value whose RFC 8785 canonical bytes were computed before, placed in a tree that is to
 * be canonicalized: the {@link Canonicalizer} writes the bytes as they are instead of writing
 * the value again. RFC 8785 is compositional (the canonical form of a document holds the
 * canonical form of each of its values), so a batch's notices, canonicalized once for its hash
 * tree, need not be canonicalized again for its signature. Only for trees that are canonicalized,
 * never for trees that are sent through Jackson.
 *
 * @param bytes canonical UTF-8 bytes of one JSON value, as {@link Canonicalizer#canonicalize(JsonNode)} made them
 */
public record CanonicalJson(byte[] bytes) {
    public CanonicalJson {
        Objects.requireNonNull(bytes, "bytes");
    }

    /** A tree node standing for the value whose canonical bytes these are. */
    public static JsonNode node(byte[] canonical) {
        return new POJONode(new CanonicalJson(canonical));
    }
}
