package org.tongban.gateway.testing;

import org.tongban.contracts.id.CreditCode;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.message.Enterprise;
import org.tongban.contracts.message.PenaltyCategory;
import org.tongban.contracts.message.PenaltyNotice;
import org.tongban.contracts.message.PenaltyReference;

import java.time.LocalDate;

/** Penalty decisions as a penalizing member's platform reports them, for sharing tests. */
public final class Notices {
    private Notices() {
    }

    /** A valid credit code of enterprise number {@code serial} registered in division {@code division}. */
    public static String creditCode(String division, long serial) {
        String first17 = "91" + division + String.format("%09d", serial);
        return first17 + CreditCode.checkCharacter(first17);
    }

    /** A general penalty (一般) of {@code penalizing} on enterprise {@code serial} of division {@code division}. */
    public static PenaltyNotice notice(MemberId penalizing, String division, long serial, LocalDate decisionDate) {
        return notice(penalizing, division, serial, decisionDate, PenaltyCategory.GENERAL);
    }

    public static PenaltyNotice notice(MemberId penalizing, String division, long serial, LocalDate decisionDate,
                                       PenaltyCategory category) {
        return new PenaltyNotice(new Enterprise(CreditCode.of(creditCode(division, serial)), "运输企业" + serial + "有限公司"),
                new PenaltyReference(penalizing.value() + "交罚〔" + decisionDate.getYear() + "〕" + serial + "号",
                        "交通运输综合行政执法支队", penalizing, decisionDate, category, "cn-2025"),
                "超限运输（车货总重超过限定标准）", decisionDate.plusDays(5));
    }
}
