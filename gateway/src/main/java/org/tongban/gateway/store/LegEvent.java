package org.tongban.gateway.store;

import org.tongban.contracts.id.CaseId;
import org.tongban.contracts.id.LegId;
import org.tongban.contracts.id.MessageId;
import org.tongban.contracts.message.LegState;

import java.time.Instant;

/**
 * One entry of a case's timeline: what happened to which leg, when, through which message,
 * by whom.
 *
 * @param kind      {@link EventKind}
 * @param fromState state before, for transitions
 * @param toState   state after, for transitions
 * @param messageId the message that caused or carried it, if any
 * @param actor     who: {@code member:330100}, {@code clerk:<subject>}, {@code node:north}, {@code platform:330100}
 */
public record LegEvent(long seq, CaseId caseId, LegId legId, Instant at, EventKind kind, LegState fromState,
                       LegState toState, MessageId messageId, String actor, String detail) {
    public static LegEvent of(CaseId caseId, LegId legId, Instant at, EventKind kind, LegState from, LegState to,
                              MessageId messageId, String actor, String detail) {
        return new LegEvent(0, caseId, legId, at, kind, from, to, messageId, actor, detail);
    }
}
