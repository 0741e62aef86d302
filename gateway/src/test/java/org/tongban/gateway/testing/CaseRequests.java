package org.tongban.gateway.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tongban.contracts.id.CreditCode;
import org.tongban.contracts.id.MemberId;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Office API request bodies as a clerk's client sends them: a transport firm registered at the
 * home member, penalized for overloading at each of the given members.
 */
public final class CaseRequests {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CaseRequests() {
    }

    /** A valid credit code of a firm registered at {@code home} (positions 3–8). */
    public static String creditCodeAt(MemberId home, String organisation) {
        String first17 = "91" + home.value() + organisation;
        return first17 + CreditCode.checkCharacter(first17);
    }

    /** A case filed at {@code home} with one penalty at each of {@code penalizing}. */
    public static ObjectNode newCase(MemberId home, MemberId... penalizing) {
        return newCase(creditCodeAt(home, "MA1B2C3D4"), penalizing);
    }

    public static ObjectNode newCase(String creditCode, MemberId... penalizing) {
        ObjectNode o = NODES.objectNode();
        o.putObject("enterprise").put("creditCode", creditCode).put("name", "龙运物流有限公司");
        ArrayNode penalties = o.putArray("penalties");
        for (int i = 0; i < penalizing.length; i++) {
            penalties.add(penalty(penalizing[i], "罚〔2026〕第" + (417 + i) + "号"));
        }
        // Applied today, so that the leg's end-to-end clock (10 working days) does not run out while tests run.
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        o.put("appliedOn", today.toString());
        o.put("homeReference", "信修〔2026〕118号");
        o.putArray("contacts").addObject().put("name", "王建国").put("role", "ENTERPRISE_REPRESENTATIVE")
                .put("phone", "13800000001");
        o.putArray("materials").add(attachment("m1", "CREDIT_COMMITMENT"));
        o.putArray("deferredMaterials").addObject().put("kind", "RECTIFICATION_REPORT")
                .put("description", "整改报告（盖章版）").put("promisedDate", today.plusDays(11).toString());
        o.put("statement", "罚款已于2026年5月缴清，申请信用修复。");
        return o;
    }

    /**
     * A general penalty decided four months before today (China time): past its three-month
     * minimum and within its twelve-month maximum under cn-2025, so it can be applied for on any
     * day the tests run.
     */
    public static ObjectNode penalty(MemberId at, String decisionNumber) {
        return penalty(at, decisionNumber, LocalDate.now(ZoneId.of("Asia/Shanghai")).minusMonths(4), "GENERAL", "cn-2025");
    }

    public static ObjectNode penalty(MemberId at, String decisionNumber, LocalDate decided, String category, String ruleSet) {
        return NODES.objectNode().put("decisionNumber", decisionNumber).put("authority", "交通运输行政执法队")
                .put("penalizingMember", at.value()).put("decisionDate", decided.toString()).put("category", category)
                .put("ruleSet", ruleSet);
    }

    public static ObjectNode attachment(String id, String kind) {
        return NODES.objectNode().put("id", id).put("fileName", id + ".pdf").put("mediaType", "application/pdf")
                .put("size", 91_522).put("sha256", "5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef")
                .put("kind", kind);
    }

    public static ObjectNode supplement() {
        ObjectNode o = NODES.objectNode();
        o.putArray("materials").add(attachment("s1", "RECTIFICATION_REPORT"));
        return o.put("note", "补交整改报告");
    }

    public static ObjectNode withdrawal() {
        return NODES.objectNode().put("reason", "ENTERPRISE_REQUEST").put("note", "企业申请撤回");
    }
}
