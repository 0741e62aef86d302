package org.tongban.contracts.schema;

import com.fasterxml.jackson.databind.JsonNode;
import org.tongban.contracts.crypto.KeyFile;
import org.tongban.contracts.directory.FederationDirectory;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.error.Violation;
import org.tongban.contracts.json.StrictJson;
import org.tongban.contracts.message.Envelope;

import java.util.List;
import java.util.function.Consumer;

/**
 * The authoritative strict codecs, fed the way a receiver feeds them: bytes through
 * {@link StrictJson}, then the document's {@code read}. A verdict is the list of violations, empty
 * when the document is accepted; anything but a {@link ContractException} escapes as a failure.
 */
enum Codec {
    ENVELOPE(ContractSchemas.ENVELOPE, Envelope::read),
    DIRECTORY(ContractSchemas.DIRECTORY, FederationDirectory::read),
    KEY_FILE(ContractSchemas.KEY_FILE, KeyFile::read);

    private final String schemaFile;
    private final Consumer<JsonNode> reader;

    Codec(String schemaFile, Consumer<JsonNode> reader) {
        this.schemaFile = schemaFile;
        this.reader = reader;
    }

    String schemaFile() {
        return schemaFile;
    }

    List<Violation> violations(JsonNode document) {
        return violations(ContractSchemas.bytes(document));
    }

    List<Violation> violations(byte[] document) {
        try {
            reader.accept(StrictJson.defaults().parse(document));
            return List.of();
        } catch (ContractException e) {
            return e.violations().isEmpty()
                    ? List.of(new Violation(e.code(), "", String.valueOf(e.getMessage()))) : e.violations();
        }
    }

    static List<ErrorCode> codes(List<Violation> violations) {
        return violations.stream().map(Violation::code).distinct().toList();
    }
}
