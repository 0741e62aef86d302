package org.tongban.contracts.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.Violation;
import org.tongban.contracts.json.Canonicalizer;
import org.tongban.contracts.json.StrictJson;
import org.tongban.contracts.testing.SampleMessages;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Sample envelopes as wire documents, edited with JSON Pointers, and read back as a receiver does. */
final class WireDocs {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private WireDocs() {
    }

    /** The sample envelope of a type as the receiver parses it from its canonical bytes. */
    static ObjectNode wire(MessageType type) {
        return (ObjectNode) StrictJson.defaults().parse(sample(type).canonicalBytes());
    }

    static Envelope sample(MessageType type) {
        return SampleMessages.everyType().get(type);
    }

    /** Sets the member or array item at {@code pointer}, which must have a parent. */
    static ObjectNode set(ObjectNode doc, String pointer, JsonNode value) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = doc.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
        if (parent.isArray()) {
            ((ArrayNode) parent).set(Integer.parseInt(last), value);
        } else if (parent.isObject()) {
            ((ObjectNode) parent).set(last, value);
        } else {
            throw new IllegalArgumentException("no container at " + pointer);
        }
        return doc;
    }

    static ObjectNode set(ObjectNode doc, String pointer, String text) {
        return set(doc, pointer, NODES.textNode(text));
    }

    static ObjectNode remove(ObjectNode doc, String pointer) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = doc.at(pointer.substring(0, slash));
        assertThat(parent.isObject()).as("object around %s", pointer).isTrue();
        assertThat(((ObjectNode) parent).remove(pointer.substring(slash + 1))).as("member %s", pointer).isNotNull();
        return doc;
    }

    /** Reads a document the way a receiver does: from its bytes, through the strict parser. */
    static Envelope read(JsonNode doc) {
        return Envelope.read(StrictJson.defaults().parse(Canonicalizer.canonicalize(doc)));
    }

    static List<Violation> violations(JsonNode doc) {
        ContractException e = catchThrowableOfType(() -> read(doc), ContractException.class);
        assertThat(e).as("reading should fail with a ContractException").isNotNull();
        assertThat(e.violations()).allSatisfy(v -> assertThat(v.detail()).isNotBlank());
        return e.violations();
    }
}
