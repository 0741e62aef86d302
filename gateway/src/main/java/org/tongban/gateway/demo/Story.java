package org.tongban.gateway.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tongban.adapters.simulator.book.PenaltyEntry;
import org.tongban.contracts.crypto.Digests;
import org.tongban.contracts.id.CreditCode;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

/**
 * One story the demo plays through the office API: an enterprise, its home member and clerk,
 * the penalties it wants repaired (one leg each) and, where a city asks for more materials,
 * the city that asks.
 *
 * @param asksMaterials the member whose platform asks for more materials (补正), or {@code null}
 */
record Story(int number, String title, String homeMember, String clerk, String creditCode, String enterpriseName,
             List<Penalty> penalties, String asksMaterials) {

    /** A penalty decision (行政处罚决定) at a penalizing member. */
    record Penalty(String member, String decisionNumber, String authority, LocalDate decisionDate, String summary) {
    }

    /**
     * Story 1: a transport firm registered in 咸安区 (421202, so the code carries 421202 in positions
     * 3–8 and routes to 咸宁市 421200) was penalized for overloading in 台州 and in 广州.
     */
    static Story xianAnTransportFirm(LocalDate today) {
        return new Story(1, "咸安区运输企业 · 台州、广州超限处罚", "421200", "wang.fang",
                code("91421202MA4XN0817"), "咸宁市咸安区通达道路运输有限公司", List.of(
                new Penalty("331000", "台交执罚〔2026〕0512号", "台州市交通运输局", today.minusMonths(6).withDayOfMonth(12),
                        "货车超限超载运输"),
                new Penalty("440100", "穗交罚〔2026〕1031号", "广州市交通运输局", today.minusMonths(5).withDayOfMonth(3),
                        "货车超限超载运输")), null);
    }

    /**
     * Story 2: a Harbin logistics firm penalized in 杭州 and in 天津; 天津 first asks for the
     * signed credit commitment (补正), which the clerk hands in.
     */
    static Story harbinLogisticsFirm(LocalDate today) {
        return new Story(2, "哈尔滨物流企业 · 杭州、天津处罚，天津要求补正", "230100", "li.na",
                code("91230100MA1HB2046"), "哈尔滨顺达物流有限公司", List.of(
                new Penalty("330100", "杭交执罚〔2026〕0301号", "杭州市交通运输局", today.minusMonths(7).withDayOfMonth(20),
                        "未按规定办理道路运输证"),
                new Penalty("120000", "津交执罚〔2026〕0415号", "天津市交通运输委员会", today.minusMonths(6).withDayOfMonth(8),
                        "货车超限运输")), "120000");
    }

    /**
     * The story of a city that joined the running demo: a firm at home in {@code home} (its code
     * carries the home's division code in positions 3–8) was fined by the new city's market
     * regulator, and asks for repair through its home office.
     */
    static Story joinedCity(int number, DemoCity joined, DemoCity home, LocalDate today) {
        LocalDate decided = today.minusMonths(6).withDayOfMonth(15);
        return new Story(number, joined.nameZh() + "加入联盟 · " + home.nameZh() + "企业的" + joined.nameZh() + "处罚",
                home.id(), "zhao.lei", code("91" + home.id() + "MA" + joined.id() + "J"),
                home.nameZh() + "联运物流有限公司", List.of(new Penalty(joined.id(),
                        joined.nameZh().substring(0, 1) + "市监罚〔" + decided.getYear() + "〕0917号",
                        joined.nameZh() + "市场监督管理局", decided, "未按规定公示年度报告")), null);
    }

    /** The story's penalties decided at {@code member}, as that platform's penalty feed lists them. */
    List<PenaltyEntry> publishedAt(String member) {
        return penalties.stream().filter(p -> p.member().equals(member))
                .map(p -> new PenaltyEntry(creditCode, enterpriseName, p.decisionNumber(), p.authority(), p.decisionDate(),
                        "GENERAL", "cn-2025", p.summary(), p.decisionDate().plusDays(3)))
                .toList();
    }

    static String code(String first17) {
        return CreditCode.of(first17 + CreditCode.checkCharacter(first17)).value();
    }

    /** The body of {@code POST /office/v1/cases}. */
    ObjectNode newCase(LocalDate appliedOn) {
        JsonNodeFactory n = JsonNodeFactory.instance;
        ObjectNode o = n.objectNode();
        o.putObject("enterprise").put("creditCode", creditCode).put("name", enterpriseName);
        ArrayNode ps = o.putArray("penalties");
        for (Penalty p : penalties) {
            ps.addObject().put("decisionNumber", p.decisionNumber()).put("authority", p.authority())
                    .put("penalizingMember", p.member()).put("decisionDate", p.decisionDate().toString())
                    .put("category", "GENERAL").put("ruleSet", "cn-2025");
        }
        o.put("appliedOn", appliedOn.toString()).put("homeReference", "DEMO-" + number + "-" + creditCode.substring(8, 12));
        o.putArray("contacts").addObject().put("name", clerk).put("role", "CREDIT_OFFICE").put("phone", "0715-8123456")
                .put("email", clerk + "@credit-" + homeMember + ".demo.test");
        ArrayNode materials = o.putArray("materials");
        materials.add(attachment("fine-receipts", "罚款缴纳凭证.pdf", "PROOF_OF_FULFILMENT"));
        if (asksMaterials == null) {
            materials.add(attachment("commitment", "信用承诺书.pdf", "CREDIT_COMMITMENT"));
        } else {
            // 容缺受理: the commitment letter is promised, not yet handed in
            o.putArray("deferredMaterials").addObject().put("kind", "CREDIT_COMMITMENT")
                    .put("description", "加盖公章的信用承诺书").put("promisedDate", appliedOn.plusDays(5).toString());
        }
        o.put("statement", "企业已全部履行行政处罚决定，申请信用修复。");
        return o;
    }

    /** The body of a supplement answering the request for materials. */
    ObjectNode supplement() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.putArray("materials").add(attachment("commitment-signed", "信用承诺书（盖章）.pdf", "CREDIT_COMMITMENT"));
        o.put("note", "补正：已盖章的信用承诺书");
        return o;
    }

    private ObjectNode attachment(String id, String fileName, String kind) {
        byte[] bytes = (creditCode + "/" + id).getBytes(StandardCharsets.UTF_8);
        return JsonNodeFactory.instance.objectNode().put("id", id).put("fileName", fileName)
                .put("mediaType", "application/pdf").put("size", 20_480 + bytes.length)
                .put("sha256", Digests.sha256Hex(bytes)).put("kind", kind);
    }
}
