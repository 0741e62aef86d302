package org.tongban.contracts.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.tongban.contracts.crypto.KeyFile;
import org.tongban.contracts.directory.TrustAnchor;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.json.StrictJson;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Reading the inputs the commands share, with failures that name the file they came from. */
final class CliInputs {
    private CliInputs() {
    }

    /** A JSON document read strictly, with the federation's limits. */
    static JsonNode json(Console console, String file) {
        byte[] bytes = console.read(file);
        try {
            return StrictJson.defaults().parse(bytes);
        } catch (ContractException e) {
            throw CliFailure.rejected(e, displayName(file));
        }
    }

    static KeyFile keyFile(Console console, String file) {
        JsonNode tree = json(console, file);
        try {
            return KeyFile.read(tree);
        } catch (ContractException e) {
            throw CliFailure.rejected(e, displayName(file));
        }
    }

    /** The trust anchor from a (public) key file. */
    static TrustAnchor anchor(Console console, String file) {
        KeyFile k = keyFile(console, file);
        return new TrustAnchor(k.keyId(), k.publicKey(), k.validFrom(), k.validUntil());
    }

    /** An instant given as an RFC 3339 timestamp, e.g. {@code 2026-11-20T09:30:00+08:00}. */
    static OffsetDateTime timestamp(String option, String text) {
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeException e) {
            throw CliFailure.usage(option + " '" + text + "' is not an RFC 3339 timestamp such as 2026-11-20T09:30:00+08:00");
        }
    }

    static Instant instant(String option, String text) {
        return timestamp(option, text).toInstant();
    }

    static String displayName(String file) {
        return file.equals("-") ? "standard input" : file;
    }
}
