package org.tongban.contracts.cli;

import org.tongban.contracts.crypto.EnvelopeVerifier;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.message.Attachment;
import org.tongban.contracts.message.MaterialsSupplement;
import org.tongban.contracts.message.Payload;
import org.tongban.contracts.message.RepairApplication;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Checks the files beside an envelope against the attachment descriptors it signed. */
final class AttachmentCheck {
    private AttachmentCheck() {
    }

    /** Checks every attachment of the payload; returns how many were checked. */
    static int checkAll(Console console, Payload payload, Path dir) {
        if (!Files.isDirectory(dir)) {
            throw CliFailure.io("cannot read attachments from " + dir + ": not a directory");
        }
        List<Attachment> descriptors = descriptors(payload);
        for (Attachment a : descriptors) {
            Path file = locate(dir, a);
            try (InputStream in = Files.newInputStream(file)) {
                EnvelopeVerifier.verifyAttachment(a, in);
            } catch (IOException e) {
                throw CliFailure.io("cannot read " + file + ": " + Console.reason(e));
            } catch (ContractException e) {
                throw CliFailure.rejected(e, file.toString());
            }
        }
        return descriptors.size();
    }

    static List<Attachment> descriptors(Payload payload) {
        if (payload instanceof RepairApplication app) {
            return app.materials();
        }
        if (payload instanceof MaterialsSupplement supplement) {
            return supplement.materials();
        }
        return List.of();
    }

    /** DIR/fileName, else DIR/id; never a path outside DIR. */
    private static Path locate(Path dir, Attachment a) {
        for (String name : new String[]{a.fileName(), a.id()}) {
            Path p = dir.resolve(name).normalize();
            if (dir.normalize().equals(p.getParent()) && Files.isRegularFile(p)) {
                return p;
            }
        }
        throw CliFailure.io("cannot read attachment " + a.id() + ": neither " + dir.resolve(a.fileName()) + " nor "
                + dir.resolve(a.id()) + " exists");
    }
}
