package org.tongban.contracts.message;

/** Category of administrative-penalty information (行政处罚信息), which sets its publicity periods. */
public enum PenaltyCategory {
    /** 轻微: in principle not published; repairable once obligations are met. */
    MINOR,
    /** 一般: published for 3 months to 1 year under the current rules. */
    GENERAL,
    /** 严重: published for 1 to 3 years under the current rules. */
    SERIOUS,
    /** 特定严重失信 (2019 rules): not repairable before the full 3 years. */
    SPECIFIC_SERIOUS
}
