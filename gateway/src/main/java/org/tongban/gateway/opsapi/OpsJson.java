package org.tongban.gateway.opsapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tongban.contracts.json.JsonObjectWriter;
import org.tongban.gateway.store.AuditEntry;
import org.tongban.gateway.store.OutboxRecord;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** JSON of what operators look at: dead letters and audit lines, times in China Standard Time. */
final class OpsJson {
    private static final ZoneOffset CST = ZoneOffset.ofHours(8);

    private OpsJson() {
    }

    /** A dead letter without its envelope: what it was, where it went, why it was given up on. */
    static ObjectNode deadLetter(OutboxRecord r) {
        return JsonObjectWriter.create()
                .put("seq", r.seq())
                .putText("messageId", r.messageId())
                .put("destination", r.destination())
                .put("type", r.type().wireName())
                .putText("to", r.to())
                .putText("caseId", r.caseId())
                .putText("legId", r.legId())
                .put("attempts", (long) r.attempts())
                .put("createdAt", time(r.createdAt()))
                .put("deadSince", time(r.nextAttemptAt()))
                .put("lastErrorKey", r.lastErrorKey())
                .put("lastError", r.lastError())
                .node();
    }

    static ObjectNode audit(AuditEntry e) {
        return JsonObjectWriter.create()
                .put("seq", e.seq())
                .put("at", time(e.at()))
                .put("actor", e.actor())
                .put("member", e.member())
                .put("action", e.action())
                .put("subject", e.subject())
                .put("detail", e.detail())
                .put("prevHash", e.prevHash())
                .put("hash", e.hash())
                .node();
    }

    private static OffsetDateTime time(Instant t) {
        return t == null ? null : OffsetDateTime.ofInstant(t, CST);
    }
}
