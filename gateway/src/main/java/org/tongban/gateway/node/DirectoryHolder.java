package org.tongban.gateway.node;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.contracts.directory.DirectorySignatures;
import org.tongban.contracts.directory.DirectoryTrustStore;
import org.tongban.contracts.directory.FederationDirectory;
import org.tongban.contracts.directory.TrustAnchor;
import org.tongban.contracts.error.ContractException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The verified federation directory in force, re-read from its file: a newer serial replaces the
 * current one, an older or invalid one is refused and the cached copy stays in use while valid.
 */
public final class DirectoryHolder {
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryHolder.class);

    private final Path file;
    private final TrustAnchor anchor;
    private final Clock clock;
    private final AtomicReference<DirectoryTrustStore> current = new AtomicReference<>();

    public DirectoryHolder(Path file, TrustAnchor anchor, Clock clock) {
        this.file = file;
        this.anchor = anchor;
        this.clock = clock;
        current.set(new DirectoryTrustStore(load()));
    }

    public FederationDirectory directory() {
        return current.get().directory();
    }

    public DirectoryTrustStore trustStore() {
        return current.get();
    }

    /** True while the cached directory has not passed its validity. */
    public boolean isValid() {
        return clock.instant().isBefore(directory().validUntil().toInstant());
    }

    /** Re-reads the file; blocking (call from a worker). Returns true when a newer serial was taken. */
    public boolean refresh() {
        try {
            FederationDirectory fresh = load();
            FederationDirectory now = directory();
            if (fresh.serial() > now.serial()) {
                current.set(new DirectoryTrustStore(fresh));
                LOG.info("federation directory serial {} replaces serial {}", fresh.serial(), now.serial());
                return true;
            }
            if (fresh.serial() < now.serial()) {
                LOG.warn("directory file holds serial {}, older than the serial {} in use; keeping the newer one",
                        fresh.serial(), now.serial());
            }
            return false;
        } catch (ContractException e) {
            LOG.warn("directory file {} refused ({}); keeping serial {}", file, e.getMessage(), directory().serial());
            return false;
        }
    }

    private FederationDirectory load() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ContractException(org.tongban.contracts.error.ErrorCode.DIRECTORY_INVALID, "",
                    "cannot read " + file + ": " + e.getMessage());
        }
        return DirectorySignatures.verify(bytes, anchor, clock.instant());
    }
}
