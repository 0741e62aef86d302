package org.tongban.contracts.schema;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tongban.contracts.crypto.EnvelopeSigner;
import org.tongban.contracts.crypto.SignatureAlgorithm;
import org.tongban.contracts.message.Envelope;
import org.tongban.contracts.message.MessageType;
import org.tongban.contracts.testing.SampleMessages;
import org.tongban.contracts.testing.TestKeys;

/** The sample envelopes of {@link SampleMessages} as JSON, unsigned or signed by their sender's test key. */
final class Examples {
    private Examples() {
    }

    static Envelope unsigned(MessageType type) {
        return SampleMessages.everyType().get(type);
    }

    static Envelope signed(MessageType type, SignatureAlgorithm algorithm) {
        Envelope e = unsigned(type);
        return new EnvelopeSigner(TestKeys.member(e.from().value(), algorithm).signer()).sign(e);
    }

    /** A fresh, editable copy of the unsigned sample of {@code type}. */
    static ObjectNode json(MessageType type) {
        return unsigned(type).toJson().deepCopy();
    }

    static ObjectNode signedJson(MessageType type, SignatureAlgorithm algorithm) {
        return signed(type, algorithm).toJson().deepCopy();
    }
}
