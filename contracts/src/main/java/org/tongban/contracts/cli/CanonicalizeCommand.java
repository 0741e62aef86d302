package org.tongban.contracts.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.json.Canonicalizer;
import org.tongban.contracts.json.StrictJson;
import org.tongban.contracts.message.Envelope;

import java.util.Set;

/** {@code canonicalize}: the RFC 8785 canonical bytes of any JSON document, exactly. */
final class CanonicalizeCommand implements Command {
    @Override
    public String name() {
        return "canonicalize";
    }

    @Override
    public String summary() {
        return "print the RFC 8785 (JCS) canonical form of a JSON document";
    }

    @Override
    public String usage() {
        return """
                usage: tongban canonicalize [--signed] FILE|-

                Prints the RFC 8785 canonical bytes of the JSON document in FILE (or standard input
                for -) to standard output, exactly: UTF-8, no trailing newline. Duplicate member
                names, lone surrogates and numbers outside IEEE 754 double range are refused.

                --signed  the bytes an envelope's signature covers instead: without its signature
                          member and, for a PenaltyNoticeBatch, without the payload's notices
                          (the signed treeRoot stands for them)
                """;
    }

    @Override
    public Set<String> valueOptions() {
        return Set.of();
    }

    @Override
    public Set<String> flagOptions() {
        return Set.of("--signed");
    }

    @Override
    public int run(Arguments args, Console console) {
        String file = args.singleOperand("the JSON file (or - for standard input)");
        byte[] input = console.read(file);
        byte[] canonical;
        try {
            canonical = args.flag("--signed") ? signedBytes(input) : Canonicalizer.canonicalize(input);
        } catch (ContractException e) {
            throw CliFailure.rejected(e, CliInputs.displayName(file));
        }
        console.print(canonical);
        return ExitCode.OK;
    }

    private static byte[] signedBytes(byte[] input) {
        JsonNode tree = StrictJson.defaults().parse(input);
        if (!tree.isObject()) {
            throw new ContractException(ErrorCode.FIELD_TYPE, "", "an envelope is a JSON object");
        }
        return Canonicalizer.canonicalize(Envelope.signedView(tree));
    }
}
