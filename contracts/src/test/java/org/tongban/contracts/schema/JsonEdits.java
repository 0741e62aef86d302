package org.tongban.contracts.schema;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tongban.contracts.batch.MerkleTree;
import org.tongban.contracts.crypto.Digests;
import org.tongban.contracts.json.Canonicalizer;

import java.util.ArrayList;
import java.util.List;

/** Edits of JSON documents by JSON Pointer (RFC 6901), for building invalid variants of examples. */
final class JsonEdits {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonEdits() {
    }

    /** Replaces or adds the member or array item at {@code pointer}. */
    static void set(JsonNode root, String pointer, JsonNode value) {
        JsonPointer p = JsonPointer.compile(pointer);
        JsonNode parent = parentOf(root, p);
        if (parent instanceof ObjectNode o) {
            o.set(p.last().getMatchingProperty(), value);
        } else {
            ((ArrayNode) parent).set(p.last().getMatchingIndex(), value);
        }
    }

    static void set(JsonNode root, String pointer, String text) {
        set(root, pointer, NODES.textNode(text));
    }

    /** Removes the member or array item at {@code pointer}. */
    static void remove(JsonNode root, String pointer) {
        JsonPointer p = JsonPointer.compile(pointer);
        JsonNode parent = parentOf(root, p);
        if (parent instanceof ObjectNode o) {
            o.remove(p.last().getMatchingProperty());
        } else {
            ((ArrayNode) parent).remove(p.last().getMatchingIndex());
        }
    }

    /** The node at {@code pointer}; fails when there is none. */
    static JsonNode at(JsonNode root, String pointer) {
        JsonNode n = root.at(pointer);
        if (n.isMissingNode()) {
            throw new IllegalArgumentException("nothing at " + pointer);
        }
        return n;
    }

    static ArrayNode array(JsonNode root, String pointer) {
        return (ArrayNode) at(root, pointer);
    }

    static String repeat(String s, int times) {
        return s.repeat(times);
    }

    /**
     * Recomputes {@code /payload/treeRoot} of a PenaltyNoticeBatch over its notices as they now
     * are, so that an edit inside a notice is judged on its own and not as a root mismatch.
     */
    static void reroot(JsonNode envelope) {
        JsonNode payload = envelope.get("payload");
        if (payload == null || !payload.isObject() || !payload.has("treeRoot")) {
            return;
        }
        JsonNode notices = payload.get("notices");
        if (notices == null || !notices.isArray() || notices.isEmpty()) {
            return;
        }
        List<byte[]> items = new ArrayList<>();
        notices.forEach(n -> items.add(Canonicalizer.canonicalize(n)));
        ((ObjectNode) payload).put("treeRoot", Digests.hex(MerkleTree.ofItems(items).root()));
    }

    /** Every JSON Pointer in a document, the root excluded, parents before children. */
    static List<String> pointers(JsonNode root) {
        List<String> out = new ArrayList<>();
        collect(root, "", out);
        return out;
    }

    private static void collect(JsonNode node, String pointer, List<String> out) {
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(name -> {
                String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
                out.add(child);
                collect(node.get(name), child, out);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                out.add(pointer + "/" + i);
                collect(node.get(i), pointer + "/" + i, out);
            }
        }
    }

    private static JsonNode parentOf(JsonNode root, JsonPointer p) {
        JsonNode parent = root.at(p.head());
        if (parent.isMissingNode()) {
            throw new IllegalArgumentException("no parent for " + p);
        }
        return parent;
    }
}
