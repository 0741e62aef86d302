package org.tongban.contracts.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.tongban.contracts.crypto.EnvelopeSigner;
import org.tongban.contracts.crypto.KeyFile;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.message.Envelope;

import java.util.Set;

/** {@code sign}: signs an envelope with a private key file and prints its canonical signed bytes. */
final class SignCommand implements Command {
    @Override
    public String name() {
        return "sign";
    }

    @Override
    public String summary() {
        return "sign an envelope with a private key file";
    }

    @Override
    public String usage() {
        return """
                usage: tongban sign --key KEYFILE FILE|-

                Reads an envelope (signed or not; an old signature is replaced), checks it against the
                contract, signs the canonical bytes with the private key in KEYFILE and prints the
                canonical signed envelope to standard output, with no trailing newline. The key must
                belong to the envelope's sender and be valid at its sentAt, as a receiver will check.
                """;
    }

    @Override
    public Set<String> valueOptions() {
        return Set.of("--key");
    }

    @Override
    public int run(Arguments args, Console console) {
        String keyPath = args.required("--key");
        String file = args.singleOperand("the envelope file (or - for standard input)");
        KeyFile key = CliInputs.keyFile(console, keyPath);
        JsonNode tree = CliInputs.json(console, file);
        Envelope envelope;
        try {
            envelope = Envelope.read(tree);
        } catch (ContractException e) {
            throw CliFailure.rejected(e, CliInputs.displayName(file));
        }
        try {
            checkKeyFits(key, envelope);
            Envelope signed = new EnvelopeSigner(key.signer()).sign(envelope);
            console.print(signed.canonicalBytes());
        } catch (ContractException e) {
            throw CliFailure.rejected(e, keyPath);
        }
        return ExitCode.OK;
    }

    /** Refuses what every receiver would refuse, rather than signing it. */
    private static void checkKeyFits(KeyFile key, Envelope envelope) {
        if (key.member() != null && !key.member().equals(envelope.from())) {
            throw new ContractException(ErrorCode.KEY_NOT_OWNED_BY_SENDER, "/member",
                    "key " + key.keyId() + " belongs to member " + key.member() + ", but the envelope is from " + envelope.from());
        }
        var sentAt = envelope.sentAt().toInstant();
        if (sentAt.isBefore(key.validFrom().toInstant()) || !sentAt.isBefore(key.validUntil().toInstant())) {
            throw new ContractException(ErrorCode.KEY_NOT_VALID_AT_SENT_AT, "/validFrom",
                    "key " + key.keyId() + " is valid from " + key.validFrom() + " until " + key.validUntil()
                            + ", not at the envelope's sentAt " + envelope.sentAt());
        }
    }
}
