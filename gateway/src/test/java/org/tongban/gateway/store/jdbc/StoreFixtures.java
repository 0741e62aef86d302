package org.tongban.gateway.store.jdbc;

import org.tongban.gateway.store.CanonicalJson;
import org.tongban.contracts.id.CaseId;
import org.tongban.contracts.id.CreditCode;
import org.tongban.contracts.id.Ids;
import org.tongban.contracts.id.LegId;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.id.MessageId;
import org.tongban.contracts.message.LegState;
import org.tongban.contracts.message.MessageType;
import org.tongban.contracts.message.PenaltyCategory;
import org.tongban.contracts.message.PenaltyReference;
import org.tongban.contracts.testing.SampleMessages;
import org.tongban.contracts.testing.TestDirectory;
import org.tongban.gateway.store.CaseRecord;
import org.tongban.gateway.store.CaseStatus;
import org.tongban.gateway.store.InboxRecord;
import org.tongban.gateway.store.LegRecord;
import org.tongban.gateway.store.OutboxRecord;

import java.time.Instant;
import java.time.LocalDate;

/** Records for store tests: a Harbin firm's case with legs at Hangzhou, at fixed times. */
final class StoreFixtures {
    static final Instant T0 = Instant.parse("2026-11-20T01:30:00Z");
    static final MemberId HOME = TestDirectory.HARBIN;
    static final MemberId PENALIZING = TestDirectory.HANGZHOU;
    static final String PEER = OutboxRecord.nodeDestination("south");
    static final String OTHER_PEER = OutboxRecord.nodeDestination("west");

    private static final Ids IDS = Ids.defaults();

    private StoreFixtures() {
    }

    static MessageId messageId() {
        return IDS.newMessageId();
    }

    static CaseId caseId() {
        return IDS.newCaseId();
    }

    static LegId legId() {
        return IDS.newLegId();
    }

    /** A valid credit code registered in Harbin, varied by {@code n}. */
    static CreditCode harbinCode(int n) {
        String first17 = String.format("91230100MA1B%05d", n);
        return CreditCode.of(first17 + CreditCode.checkCharacter(first17));
    }

    static CaseRecord aCase(CaseId id) {
        return aCase(id, HOME, SampleMessages.HARBIN_FIRM, CaseStatus.OPEN);
    }

    static CaseRecord aCase(CaseId id, MemberId home, CreditCode code, CaseStatus status) {
        return new CaseRecord(id, home, code, "哈尔滨龙运物流有限公司", status, LocalDate.of(2026, 11, 19), "哈信修〔2026〕118号",
                "clerk:wang", T0, T0, "{\"statement\":\"已整改\"}");
    }

    static LegRecord aLeg(LegId id, CaseId caseId) {
        return aLeg(id, caseId, PENALIZING, LegState.SUBMITTED);
    }

    static LegRecord aLeg(LegId id, CaseId caseId, MemberId penalizing, LegState state) {
        PenaltyReference penalty = new PenaltyReference("杭交执罚〔2026〕第" + id.toString().substring(24) + "号",
                "杭州市交通运输行政执法队", penalizing, LocalDate.of(2026, 3, 31), PenaltyCategory.GENERAL, "cn-2023");
        return new LegRecord(id, caseId, HOME, penalizing, state, penalty, null, T0, T0, 0);
    }

    static InboxRecord inbox(MessageId id, LegId leg, String receipt, Instant at) {
        return new InboxRecord(id, PENALIZING, HOME, MessageType.ACCEPTANCE, caseId(), leg,
                "3b8c6f1f0b9d4e7f8a2c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f809a1b", CanonicalJson.of("{\"type\":\"Acceptance\"}"),
                receipt, at);
    }

    /** A pending message of leg {@code orderingKey}'s stream, due at {@code at}. */
    static OutboxRecord outbox(String destination, LegId leg, Instant at) {
        return OutboxRecord.pending(messageId(), destination, leg.toString(), MessageType.REPAIR_APPLICATION, PENALIZING,
                caseId(), leg, CanonicalJson.of("{\"type\":\"RepairApplication\"}"), at);
    }

    static OutboxRecord outbox(MessageId id, String destination, LegId leg, Instant at) {
        return OutboxRecord.pending(id, destination, leg.toString(), MessageType.REPAIR_APPLICATION, PENALIZING,
                caseId(), leg, CanonicalJson.of("{\"type\":\"RepairApplication\"}"), at);
    }
}
