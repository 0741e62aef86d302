package org.tongban.contracts.message;

/** Where penalty information is published and where its publicity has to end. */
public enum PublicityChannel {
    /** 信用中国 and its local sites. */
    CREDIT_CHINA,
    /** 国家企业信用信息公示系统. */
    NATIONAL_ENTERPRISE_CREDIT_PUBLICITY,
    /** The member city's own credit portal. */
    LOCAL_PORTAL
}
