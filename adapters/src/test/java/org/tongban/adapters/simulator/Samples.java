package org.tongban.adapters.simulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.tongban.contracts.id.CreditCode;

/** Requests of each dialect, as a conforming adapter sends them. */
public final class Samples {
    /** A Hangzhou firm's valid credit code. */
    public static final String FIRM = code("91330100MA2KX0001");
    /** Another valid credit code, for per-firm policies. */
    public static final String OTHER_FIRM = code("91230100MA1BX0002");
    public static final String SHA = "a".repeat(64);

    private Samples() {
    }

    public static String code(String first17) {
        return first17 + CreditCode.checkCharacter(first17);
    }

    public static JsonObject restApplication(String legId, String creditCode, String callbackUrl) {
        return new JsonObject().put("external_id", legId).put("case_id", "case-" + legId).put("home_member", "230100")
                .put("credit_code", creditCode).put("enterprise_name", "哈尔滨顺达物流有限公司")
                .put("decision_number", "杭交执罚〔2026〕101号").put("deciding_authority", "杭州市交通运输局")
                .put("decision_date", "20260512").put("category", "GENERAL").put("rule_set", "cn-2025")
                .put("applied_on", "20261120")
                .put("contacts", new JsonArray().add(new JsonObject().put("name", "李娜").put("role", "CREDIT_OFFICE")
                        .put("phone", "0451-12345").put("email", "li.na@example.test")))
                .put("materials", new JsonArray().add(restMaterial("att-1", "PROOF_OF_FULFILMENT")))
                .put("deferred_materials", new JsonArray().add(new JsonObject().put("kind", "CREDIT_COMMITMENT")
                        .put("description", "信用承诺书").put("promised_date", "20261201")))
                .put("statement", "已履行完毕").put("callback_url", callbackUrl);
    }

    public static JsonObject restMaterial(String id, String kind) {
        return new JsonObject().put("attachment_id", id).put("file_name", id + ".pdf").put("media_type", "application/pdf")
                .put("size", 1234).put("sha256", SHA).put("kind", kind);
    }

    public static JsonObject pollingApplication(String creditCode) {
        return new JsonObject().put("caseId", "case-1").put("homeMember", "421200").put("creditCode", creditCode)
                .put("enterpriseName", "咸宁通达运输有限公司").put("decisionNumber", "穗交罚〔2026〕88号")
                .put("decidingAuthority", "广州市交通运输局").put("decisionDate", "2026-05-20").put("category", "GENERAL")
                .put("ruleSet", "cn-2025").put("appliedOn", "2026-11-20")
                .put("contacts", new JsonArray().add(new JsonObject().put("name", "王芳").put("role", "CREDIT_OFFICE")))
                .put("materials", new JsonArray().add(pollingMaterial("att-1")))
                .put("deferredMaterials", new JsonArray()).put("statement", "已缴纳罚款");
    }

    public static JsonObject pollingMaterial(String id) {
        return new JsonObject().put("attachmentId", id).put("fileName", id + ".pdf").put("mediaType", "application/pdf")
                .put("size", 99).put("sha256", SHA).put("kind", "PROOF_OF_FULFILMENT");
    }

    public static String xmlApplication(String charset, String legId, String creditCode, String callbackUrl) {
        return "<?xml version=\"1.0\" encoding=\"" + charset + "\"?>"
                + "<Request><ExternalId>" + legId + "</ExternalId><CaseId>case-" + legId + "</CaseId>"
                + "<HomeMember>421200</HomeMember><CreditCode>" + creditCode + "</CreditCode>"
                + "<EnterpriseName>咸宁通达运输有限公司</EnterpriseName><DecisionNumber>台交罚〔2026〕7号</DecisionNumber>"
                + "<DecidingAuthority>台州市交通运输局</DecidingAuthority><DecisionDate>2026-05-15</DecisionDate>"
                + "<Category>GENERAL</Category><RuleSet>cn-2025</RuleSet><AppliedOn>2026-11-20</AppliedOn>"
                + "<CallbackUrl>" + callbackUrl + "</CallbackUrl><Statement>已履行</Statement>"
                + "<Contacts><Contact><Name>王芳</Name><Role>CREDIT_OFFICE</Role><Phone>0715-1</Phone><Email/></Contact></Contacts>"
                + "<Materials><Material><AttachmentId>att-1</AttachmentId><FileName>收据.pdf</FileName>"
                + "<MediaType>application/pdf</MediaType><Size>12</Size><Sha256>" + SHA + "</Sha256>"
                + "<Kind>PROOF_OF_FULFILMENT</Kind></Material></Materials>"
                + "<DeferredMaterials><Deferred><Kind>CREDIT_COMMITMENT</Kind><Description>承诺书</Description>"
                + "<PromisedDate>2026-12-01</PromisedDate></Deferred></DeferredMaterials></Request>";
    }

    public static JsonObject formApplication(String legId, String creditCode) {
        return new JsonObject().put("tyshxydm", creditCode).put("qymc", "义乌商贸有限公司").put("cfjdswh", "金市监罚〔2026〕3号")
                .put("cfjg", "金华市市场监督管理局").put("cfrq", "2026-04-01").put("cflb", "一般").put("wbbh", legId)
                .put("ajbh", "case-" + legId).put("sqdq", "330100").put("sqrq", "2026-11-20");
    }
}
