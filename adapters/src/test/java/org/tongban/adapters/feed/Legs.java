package org.tongban.adapters.feed;

import org.tongban.adapters.spi.LegRef;
import org.tongban.contracts.id.CaseId;
import org.tongban.contracts.id.CreditCode;
import org.tongban.contracts.id.LegId;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.message.Attachment;
import org.tongban.contracts.message.Contact;
import org.tongban.contracts.message.ContactRole;
import org.tongban.contracts.message.DeferredMaterial;
import org.tongban.contracts.message.Enterprise;
import org.tongban.contracts.message.MaterialKind;
import org.tongban.contracts.message.MaterialsSupplement;
import org.tongban.contracts.message.PenaltyCategory;
import org.tongban.contracts.message.PenaltyReference;
import org.tongban.contracts.message.RepairApplication;
import org.tongban.contracts.message.Withdrawal;
import org.tongban.contracts.message.WithdrawalReason;

import java.time.LocalDate;
import java.util.List;

/** A leg from Harbin (home) at Hangzhou (penalizing), and what travels on it. */
public final class Legs {
    public static final MemberId HARBIN = MemberId.of("230100");
    public static final MemberId HANGZHOU = MemberId.of("330100");
    public static final CaseId CASE_ID = CaseId.parse("019aa1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b");
    public static final LegId LEG_ID = LegId.parse("019aa1b2-c3d4-7e60-9a6b-7c8d9e0f1a2c");
    public static final LegId OTHER_LEG_ID = LegId.parse("019aa1b2-c3d4-7e60-9a6b-7c8d9e0f1a3d");
    public static final CreditCode HARBIN_FIRM = CreditCode.of("91230100MA1B2C3D4"
            + CreditCode.checkCharacter("91230100MA1B2C3D4"));

    private Legs() {
    }

    public static LegRef leg() {
        return new LegRef(CASE_ID, LEG_ID, HARBIN, HANGZHOU, null);
    }

    public static LegRef leg(LegId id) {
        return new LegRef(CASE_ID, id, HARBIN, HANGZHOU, null);
    }

    public static PenaltyReference penalty() {
        return new PenaltyReference("杭交执罚〔2026〕第0417号", "杭州市交通运输行政执法队", HANGZHOU,
                LocalDate.of(2026, 3, 15), PenaltyCategory.GENERAL, "cn-2025");
    }

    public static Enterprise enterprise() {
        return new Enterprise(HARBIN_FIRM, "哈尔滨龙运物流有限公司");
    }

    public static RepairApplication application() {
        return new RepairApplication(enterprise(), penalty(), LocalDate.of(2026, 11, 20), "哈信修〔2026〕118号",
                List.of(new Contact("王建国", ContactRole.ENTERPRISE_REPRESENTATIVE, "13800000001", "wang@example.cn"),
                        new Contact("李娜", ContactRole.CREDIT_OFFICE, "0451-86000000", null)),
                List.of(attachment()),
                List.of(new DeferredMaterial(MaterialKind.CREDIT_COMMITMENT, "信用承诺书原件", LocalDate.of(2026, 12, 1))),
                "已足额缴纳罚款并完成整改。");
    }

    public static Attachment attachment() {
        return new Attachment("m1", "罚款缴纳凭证.pdf", "application/pdf", 1234,
                "5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef", MaterialKind.PROOF_OF_FULFILMENT);
    }

    public static MaterialsSupplement supplement() {
        return new MaterialsSupplement(List.of(attachment()), "补充缴款凭证");
    }

    public static Withdrawal withdrawal() {
        return new Withdrawal(WithdrawalReason.ENTERPRISE_REQUEST, "企业申请撤回");
    }
}
