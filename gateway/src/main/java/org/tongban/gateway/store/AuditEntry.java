package org.tongban.gateway.store;

import java.time.Instant;

/**
 * One line of the append-only, hash-chained audit log: {@code hash = SHA-256(prevHash | seq | at |
 * actor | member | action | subject | detail)}, so removing or editing a line breaks the chain.
 */
public record AuditEntry(long seq, Instant at, String actor, String member, String action, String subject,
                         String detail, String prevHash, String hash) {
}
