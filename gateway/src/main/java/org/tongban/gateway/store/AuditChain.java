package org.tongban.gateway.store;

import org.tongban.contracts.crypto.Digests;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * The hash chain of the audit log, in one place: the store computes each line's hash with
 * {@link #hash}, and readers re-hash lines with {@link #verify} to show that none was edited,
 * removed or inserted.
 */
public final class AuditChain {
    /** The {@code prevHash} of the first line. */
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    /** The chained hash of one audit line; fields are separated by a unit separator. */
    public static String hash(String prev, long seq, Instant at, String actor, String member, String action,
                              String subject, String detail) {
        String line = String.join("\u001f", prev, Long.toString(seq), Long.toString(at.toEpochMilli()), actor,
                String.valueOf(member), action, String.valueOf(subject), String.valueOf(detail));
        return Digests.sha256Hex(line.getBytes(StandardCharsets.UTF_8));
    }

    /** The hash {@code entry} should carry, from its own fields and its {@code prevHash}. */
    public static String rehash(AuditEntry e) {
        return hash(e.prevHash(), e.seq(), e.at(), e.actor(), e.member(), e.action(), e.subject(), e.detail());
    }

    /**
     * Outcome of re-hashing a run of lines.
     *
     * @param valid    every line links to the one before and hashes to its stored hash
     * @param brokenAt sequence number of the first line that does not, or {@code null}
     * @param reason   what is wrong with that line, or {@code null}
     */
    public record Verification(boolean valid, Long brokenAt, String reason) {
        static Verification ok() {
            return new Verification(true, null, null);
        }

        static Verification broken(long seq, String reason) {
            return new Verification(false, seq, reason);
        }
    }

    /**
     * Re-hashes consecutive lines.
     *
     * @param previous the line just before {@code entries}, or {@code null} when they start the log
     *                 (then the first must link to {@link #GENESIS} and have sequence number 1)
     */
    public static Verification verify(AuditEntry previous, List<AuditEntry> entries) {
        String prevHash = previous == null ? GENESIS : previous.hash();
        long prevSeq = previous == null ? 0 : previous.seq();
        for (AuditEntry e : entries) {
            if (e.seq() != prevSeq + 1) {
                return Verification.broken(e.seq(), "line " + (prevSeq + 1) + " is missing");
            }
            if (!e.prevHash().equals(prevHash)) {
                return Verification.broken(e.seq(), "does not link to the hash of line " + prevSeq);
            }
            if (!rehash(e).equals(e.hash())) {
                return Verification.broken(e.seq(), "its content does not match its hash");
            }
            prevHash = e.hash();
            prevSeq = e.seq();
        }
        return Verification.ok();
    }
}
