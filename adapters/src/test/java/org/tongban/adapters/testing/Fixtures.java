package org.tongban.adapters.testing;

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

/**
 * One leg of the adapters' tests: a Harbin enterprise (home member 230100) penalized in
 * Hangzhou (330100, the adapter's own member).
 */
public final class Fixtures {
    public static final MemberId HOME = MemberId.of("230100");
    public static final MemberId PENALIZING = MemberId.of("330100");
    public static final CaseId CASE = CaseId.parse("01933a8e-7c00-7000-8000-00000000c001");
    public static final LegId LEG = LegId.parse("01933a8e-7c00-7000-8000-00000000e001");
    public static final CreditCode CODE = CreditCode.of("91230100716105852"
            + CreditCode.checkCharacter("91230100716105852"));
    public static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private Fixtures() {
    }

    public static LegRef leg() {
        return new LegRef(CASE, LEG, HOME, PENALIZING, null);
    }

    public static LegRef legAt(String platformReference) {
        return leg().withPlatformReference(platformReference);
    }

    public static Enterprise enterprise() {
        return new Enterprise(CODE, "哈尔滨市北运物流有限公司");
    }

    public static PenaltyReference penalty() {
        return new PenaltyReference("杭交执罚〔2026〕123号", "杭州市交通运输局", PENALIZING, LocalDate.of(2026, 3, 15),
                PenaltyCategory.GENERAL, "cn-2025");
    }

    public static Attachment proof() {
        return new Attachment("att-1", "罚款缴纳凭证.pdf", "application/pdf", 1234, SHA, MaterialKind.PROOF_OF_FULFILMENT);
    }

    public static RepairApplication application() {
        return new RepairApplication(enterprise(), penalty(), LocalDate.of(2026, 11, 20), "HRB-2026-77",
                List.of(new Contact("张敏", ContactRole.CREDIT_OFFICE, "0451-86661234", "zhangmin@xyb.harbin.gov.cn")),
                List.of(proof()),
                List.of(new DeferredMaterial(MaterialKind.CREDIT_COMMITMENT, "信用承诺书原件", LocalDate.of(2026, 12, 1))),
                "罚款已缴清 & 已整改 <完毕>");
    }

    public static MaterialsSupplement supplement() {
        return new MaterialsSupplement(List.of(new Attachment("att-2", "信用承诺书.pdf", "application/pdf", 2048, SHA,
                MaterialKind.CREDIT_COMMITMENT)), "补交承诺书");
    }

    public static Withdrawal withdrawal() {
        return new Withdrawal(WithdrawalReason.ENTERPRISE_REQUEST, "企业申请撤回");
    }
}
