package org.tongban.contracts.testing;

import org.tongban.contracts.id.CaseId;
import org.tongban.contracts.id.CreditCode;
import org.tongban.contracts.id.LegId;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.id.MessageId;
import org.tongban.contracts.message.*;
import org.tongban.contracts.message.Contact;
import org.tongban.contracts.message.ContactRole;
import org.tongban.contracts.message.DeferredMaterial;
import org.tongban.contracts.message.Enterprise;
import org.tongban.contracts.message.Envelope;
import org.tongban.contracts.message.MaterialKind;
import org.tongban.contracts.message.Payload;
import org.tongban.contracts.message.PenaltyCategory;
import org.tongban.contracts.message.PenaltyReference;
import org.tongban.contracts.message.RepairApplication;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Realistic sample messages: a Harbin transport firm penalized for overloading in Hangzhou.
 * Ids and times are fixed so that outputs are reproducible.
 */
public final class SampleMessages {
    /** A Harbin enterprise (positions 3–8: 230100). */
    public static final CreditCode HARBIN_FIRM = CreditCode.of("91230100MA1B2C3D4" + check("91230100MA1B2C3D4"));
    public static final OffsetDateTime SENT_AT = OffsetDateTime.parse("2026-11-20T09:30:00+08:00");
    public static final OffsetDateTime EXPIRES_AT = OffsetDateTime.parse("2026-12-20T09:30:00+08:00");
    public static final CaseId CASE_ID = CaseId.parse("019aa1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b");
    public static final LegId LEG_ID = LegId.parse("019aa1b2-c3d4-7e60-9a6b-7c8d9e0f1a2c");
    public static final MessageId MESSAGE_ID = MessageId.parse("019aa1b2-c3d4-7e61-aa6b-7c8d9e0f1a2d");

    private SampleMessages() {
    }

    private static char check(String first17) {
        return CreditCode.checkCharacter(first17);
    }

    public static Enterprise harbinFirm() {
        return new Enterprise(HARBIN_FIRM, "哈尔滨龙运物流有限公司");
    }

    public static PenaltyReference hangzhouPenalty() {
        return new PenaltyReference("杭交执罚〔2026〕第0417号", "杭州市交通运输行政执法队", TestDirectory.HANGZHOU,
                LocalDate.of(2026, 3, 31), PenaltyCategory.GENERAL, "cn-2023");
    }

    /** A typical application: two contacts, three materials, one deferred material, a statement. */
    public static RepairApplication repairApplication() {
        return new RepairApplication(harbinFirm(), hangzhouPenalty(), LocalDate.of(2026, 11, 19), "哈信修〔2026〕118号",
                List.of(new Contact("王建国", ContactRole.ENTERPRISE_REPRESENTATIVE, "13800000001", "wang@example.cn"),
                        new Contact("李娜", ContactRole.CREDIT_OFFICE, "0451-86000000", null)),
                List.of(new Attachment("m1", "罚款缴纳凭证.pdf", "application/pdf", 284_113,
                                "5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef", MaterialKind.PROOF_OF_FULFILMENT),
                        new Attachment("m2", "信用承诺书.pdf", "application/pdf", 91_522,
                                "c9a2f8d0a0c3a0b2e8b4f7a9d1e3c5b7a9f1e3d5c7b9a1f3e5d7c9b1a3f5e7d9", MaterialKind.CREDIT_COMMITMENT),
                        new Attachment("m3", "整改报告.jpg", "image/jpeg", 1_530_002,
                                "0b1c2d3e4f5061728394a5b6c7d8e9f00112233445566778899aabbccddeeff0", MaterialKind.RECTIFICATION_REPORT)),
                List.of(new DeferredMaterial(MaterialKind.BUSINESS_LICENCE, "营业执照副本复印件（加盖公章）", LocalDate.of(2026, 11, 26))),
                "本企业已足额缴纳罚款并完成车辆超限整改，承诺今后严格遵守道路运输管理规定。");
    }

    /**
     * One realistic example envelope of every message type, unsigned, keyed by type. Messages of
     * the application flow go between Harbin (home) and Hangzhou (penalizing); penalty notices
     * go from Hangzhou to Harbin.
     */
    public static java.util.Map<MessageType, Envelope> everyType() {
        var out = new java.util.EnumMap<MessageType, Envelope>(MessageType.class);
        MemberId home = TestDirectory.HARBIN;
        MemberId penalizing = TestDirectory.HANGZHOU;
        OffsetDateTime hz = OffsetDateTime.parse("2026-11-20T10:02:11.250+08:00");
        out.put(MessageType.REPAIR_APPLICATION, envelope(repairApplication(), home, penalizing));
        out.put(MessageType.RECEIPT, reply(new Receipt(MESSAGE_ID, MessageType.REPAIR_APPLICATION,
                "3b8c6f1f0b9d4e7f8a2c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f809a1b", hz), penalizing, home));
        out.put(MessageType.ACCEPTANCE, reply(new Acceptance(AcceptanceOutcome.ACCEPTED, "HZXY-2026-11-0381", List.of(),
                hz.plusHours(3)), penalizing, home));
        out.put(MessageType.MATERIALS_REQUEST, reply(new MaterialsRequest(List.of(
                new RequestedMaterial(MaterialKind.PROOF_OF_FULFILMENT, "请补充罚款缴纳银行回单原件扫描件")),
                LocalDate.of(2026, 11, 27), "回单金额与处罚决定书不一致，请核实"), penalizing, home));
        out.put(MessageType.MATERIALS_SUPPLEMENT, envelope(new MaterialsSupplement(List.of(
                new Attachment("s1", "银行回单.pdf", "application/pdf", 120_448,
                        "9f2d4c6b8a0e1f3d5b7a9c1e3f5d7b9a0c2e4f6d8b0a2c4e6f8d0b2a4c6e8f0d", MaterialKind.PROOF_OF_FULFILMENT)),
                "已补充缴款回单"), home, penalizing));
        out.put(MessageType.REPAIR_DECISION, reply(new RepairDecision(DecisionOutcome.REPAIRED, List.of(),
                hz.plusDays(2), "杭信修决〔2026〕0381号"), penalizing, home));
        out.put(MessageType.PUBLICITY_ENDED, reply(new PublicityEnded(harbinFirm(), hangzhouPenalty(),
                PublicityEndCause.REPAIRED, LocalDate.of(2026, 11, 24), List.of(PublicityChannel.CREDIT_CHINA,
                PublicityChannel.NATIONAL_ENTERPRISE_CREDIT_PUBLICITY, PublicityChannel.LOCAL_PORTAL)), penalizing, home));
        PenaltyNotice notice = new PenaltyNotice(harbinFirm(), hangzhouPenalty(), "货车超限运输（超限率 32%）",
                LocalDate.of(2026, 4, 2));
        out.put(MessageType.PENALTY_NOTICE, Envelope.unsigned(MessageId.parse("019aa1b2-c3d4-7e62-8a6b-7c8d9e0f1a2e"),
                null, null, penalizing, home, SENT_AT, EXPIRES_AT, null, notice));
        PenaltyNotice second = new PenaltyNotice(harbinFirm(), new PenaltyReference("杭交执罚〔2026〕第0522号",
                "杭州市交通运输行政执法队", penalizing, LocalDate.of(2026, 4, 30), PenaltyCategory.GENERAL, "cn-2025"),
                null, null);
        out.put(MessageType.PENALTY_NOTICE_BATCH, Envelope.unsigned(MessageId.parse("019aa1b2-c3d4-7e63-8a6b-7c8d9e0f1a2f"),
                null, null, penalizing, home, SENT_AT, EXPIRES_AT, null,
                PenaltyNoticeBatch.of("hz-feed-2026-11-20-001", List.of(notice, second))));
        out.put(MessageType.STATUS_QUERY, envelope(new StatusQuery(true), home, penalizing));
        out.put(MessageType.STATUS_REPORT, reply(new StatusReport(LegState.ACCEPTED, hz.plusHours(3), "HZXY-2026-11-0381",
                List.of(new StatusEvent(LegState.RECEIVED, hz, MESSAGE_ID),
                        new StatusEvent(LegState.ACCEPTED, hz.plusHours(3), null))), penalizing, home));
        out.put(MessageType.WITHDRAWAL, envelope(new Withdrawal(WithdrawalReason.ENTERPRISE_REQUEST, "企业申请撤回"),
                home, penalizing));
        out.put(MessageType.ESCALATION, envelope(new Escalation(EscalationReason.SLA_BREACH, SlaClock.DECISION,
                hz.plusDays(5), hz.plusDays(5).plusMinutes(1),
                new Contact("杭州市信用办", ContactRole.CREDIT_OFFICE, "0571-00000000", null),
                "修复决定已超过 3 个工作日时限，请协调处理"), home, penalizing));
        return out;
    }

    private static Envelope reply(Payload payload, MemberId from, MemberId to) {
        return Envelope.unsigned(MessageId.parse("019aa1b2-c3d4-7e64-8a6b-7c8d9e0f1a30"), CASE_ID, LEG_ID, from, to,
                SENT_AT.plusHours(1), EXPIRES_AT, MESSAGE_ID, payload);
    }

    /** An unsigned envelope around a payload, from Harbin to Hangzhou with the fixed ids. */
    public static Envelope envelope(Payload payload) {
        return envelope(payload, TestDirectory.HARBIN, TestDirectory.HANGZHOU);
    }

    public static Envelope envelope(Payload payload, MemberId from, MemberId to) {
        return Envelope.unsigned(MESSAGE_ID, CASE_ID, LEG_ID, from, to, SENT_AT, EXPIRES_AT, null, payload);
    }
}
