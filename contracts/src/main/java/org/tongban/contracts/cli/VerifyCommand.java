package org.tongban.contracts.cli;

import org.tongban.contracts.crypto.EnvelopeVerifier;
import org.tongban.contracts.crypto.VerificationPolicy;
import org.tongban.contracts.crypto.VerifiedEnvelope;
import org.tongban.contracts.directory.DirectorySignatures;
import org.tongban.contracts.directory.DirectoryTrustStore;
import org.tongban.contracts.directory.FederationDirectory;
import org.tongban.contracts.directory.TrustAnchor;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.json.JsonObjectWriter;
import org.tongban.contracts.json.StrictJson;
import org.tongban.contracts.message.Envelope;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

/**
 * {@code verify}: checks a received envelope exactly as a node does, against a directory that is
 * itself verified against the trust anchor. Standard output gets one line, and only when valid.
 */
final class VerifyCommand implements Command {
    @Override
    public String name() {
        return "verify";
    }

    @Override
    public String summary() {
        return "verify a signed envelope against the signed federation directory";
    }

    @Override
    public String usage() {
        return """
                usage: tongban verify --directory DIRECTORY.json --anchor ANCHOR.json [--at T] [--attachments DIR] FILE|-

                Verifies the directory with the trust anchor's public key file, then the envelope
                with the directory: signature, key, sender, recipient, expiry and time window.
                Valid: exit 0 and one summary line on standard output. Not valid: exit 1 and
                "CODE: detail (at /pointer in FILE)" on standard error, CODE being the stable code.

                  --at           verify as of this RFC 3339 instant instead of now, with no replay
                                 window (archived messages; for golden vectors use the envelope's sentAt)
                  --attachments  also check every attachment the payload describes against
                                 DIR/<fileName>, or DIR/<id> when there is no such file
                """;
    }

    @Override
    public Set<String> valueOptions() {
        return Set.of("--directory", "--anchor", "--at", "--attachments");
    }

    @Override
    public int run(Arguments args, Console console) {
        String directoryFile = args.required("--directory");
        String anchorFile = args.required("--anchor");
        String at = args.option("--at");
        String attachments = args.option("--attachments");
        String file = args.singleOperand("the envelope file (or - for standard input)");
        Instant now = at == null ? Instant.now() : CliInputs.instant("--at", at);
        VerificationPolicy policy = at == null ? VerificationPolicy.ONLINE : VerificationPolicy.ARCHIVE;

        TrustAnchor anchor = CliInputs.anchor(console, anchorFile);
        FederationDirectory directory = verifiedDirectory(console, directoryFile, anchor, now);
        byte[] document = console.read(file);
        EnvelopeVerifier verifier = new EnvelopeVerifier(new DirectoryTrustStore(directory),
                Clock.fixed(now, ZoneOffset.UTC), policy, StrictJson.defaults());
        VerifiedEnvelope verified;
        try {
            verified = verifier.verify(document);
        } catch (ContractException e) {
            throw CliFailure.rejected(e, CliInputs.displayName(file));
        }
        String attachmentNote = "";
        if (attachments != null) {
            int checked = AttachmentCheck.checkAll(console, verified.envelope().payload(), Path.of(attachments));
            attachmentNote = ", " + checked + (checked == 1 ? " attachment" : " attachments") + " match";
        }
        console.println(summary(verified) + attachmentNote);
        return ExitCode.OK;
    }

    static FederationDirectory verifiedDirectory(Console console, String file, TrustAnchor anchor, Instant now) {
        byte[] bytes = console.read(file);
        try {
            return DirectorySignatures.verify(bytes, anchor, now);
        } catch (ContractException e) {
            throw CliFailure.rejected(e, CliInputs.displayName(file));
        }
    }

    private static String summary(VerifiedEnvelope v) {
        Envelope e = v.envelope();
        return "OK " + e.type().wireName() + " " + e.messageId() + " from " + e.from() + " to " + e.to()
                + ", sent " + JsonObjectWriter.timestamp(e.sentAt()) + ", signed with " + v.signer().keyId()
                + " (" + v.signer().key().algorithm() + "), sha256 " + v.sha256();
    }
}
