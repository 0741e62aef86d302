package org.tongban.contracts.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.tongban.contracts.crypto.KeyFile;
import org.tongban.contracts.directory.DirectorySignatures;
import org.tongban.contracts.directory.FederationDirectory;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.json.Canonicalizer;

import java.util.Set;

/** {@code directory sign}: the trust anchor signs a federation directory. */
final class DirectorySignCommand implements Command {
    @Override
    public String name() {
        return "directory sign";
    }

    @Override
    public String summary() {
        return "sign a federation directory with the trust anchor's private key file";
    }

    @Override
    public String usage() {
        return """
                usage: tongban directory sign --key ANCHOR_PRIVATE_KEY FILE|-

                Reads a federation directory (signed or not; an old signature is replaced), checks it
                (unique nodes, members and key ids; every member on a listed node), signs it with the
                anchor's private key and prints the canonical signed directory, no trailing newline.
                """;
    }

    @Override
    public Set<String> valueOptions() {
        return Set.of("--key");
    }

    @Override
    public int run(Arguments args, Console console) {
        String keyPath = args.required("--key");
        String file = args.singleOperand("the directory file (or - for standard input)");
        KeyFile key = CliInputs.keyFile(console, keyPath);
        JsonNode tree = CliInputs.json(console, file);
        FederationDirectory directory;
        try {
            directory = FederationDirectory.read(tree);
        } catch (ContractException e) {
            throw CliFailure.rejected(e, CliInputs.displayName(file));
        }
        FederationDirectory signed;
        try {
            signed = DirectorySignatures.sign(directory, key.signer());
        } catch (ContractException e) {
            throw CliFailure.rejected(e, keyPath);
        }
        console.print(Canonicalizer.canonicalize(signed.toJson()));
        return ExitCode.OK;
    }
}
