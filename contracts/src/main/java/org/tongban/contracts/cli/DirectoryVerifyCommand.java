package org.tongban.contracts.cli;

import org.tongban.contracts.directory.FederationDirectory;
import org.tongban.contracts.directory.TrustAnchor;
import org.tongban.contracts.json.JsonObjectWriter;

import java.time.Instant;
import java.util.Set;

/** {@code directory verify}: checks a federation directory against the trust anchor. */
final class DirectoryVerifyCommand implements Command {
    @Override
    public String name() {
        return "directory verify";
    }

    @Override
    public String summary() {
        return "verify a federation directory against the trust anchor";
    }

    @Override
    public String usage() {
        return """
                usage: tongban directory verify --anchor ANCHOR.json [--at T] FILE|-

                Verifies the directory's signature with the trust anchor's public key file, its
                content, and that it is still valid at --at (an RFC 3339 instant; default now).
                Valid: exit 0 and one summary line on standard output. Not valid: exit 1 and
                "CODE: detail (at /pointer in FILE)" on standard error.
                """;
    }

    @Override
    public Set<String> valueOptions() {
        return Set.of("--anchor", "--at");
    }

    @Override
    public int run(Arguments args, Console console) {
        String anchorFile = args.required("--anchor");
        String at = args.option("--at");
        String file = args.singleOperand("the directory file (or - for standard input)");
        Instant now = at == null ? Instant.now() : CliInputs.instant("--at", at);
        TrustAnchor anchor = CliInputs.anchor(console, anchorFile);
        FederationDirectory d = VerifyCommand.verifiedDirectory(console, file, anchor, now);
        console.println("OK directory " + d.federation() + " serial " + d.serial() + ": " + d.members().size()
                + " members on " + d.nodes().size() + " nodes, issued " + JsonObjectWriter.timestamp(d.issuedAt())
                + ", valid until " + JsonObjectWriter.timestamp(d.validUntil()) + ", signed with " + anchor.keyId());
        return ExitCode.OK;
    }
}
