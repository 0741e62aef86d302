package org.tongban.adapters.simulator.engine;

import org.tongban.adapters.simulator.book.ApplicationStatus;
import org.tongban.adapters.simulator.book.EventDraft;
import org.tongban.adapters.simulator.book.EventType;
import org.tongban.adapters.simulator.book.RequestedItem;
import org.tongban.adapters.simulator.policy.Action;
import org.tongban.adapters.simulator.policy.PolicyStep;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.tongban.adapters.simulator.book.ApplicationStatus.ACCEPTED;
import static org.tongban.adapters.simulator.book.ApplicationStatus.MATERIALS_REQUESTED;
import static org.tongban.adapters.simulator.book.ApplicationStatus.RECEIVED;
import static org.tongban.adapters.simulator.book.ApplicationStatus.REPAIRED;

/**
 * Which action a platform may take in which status, and what event it reports. Loose where the
 * gateway accepts implied steps (a repair proves acceptance), strict where it cannot (no end of
 * publicity before a repair, nothing after a final status).
 */
public final class Transitions {
    private static final Map<Action, Set<ApplicationStatus>> FROM = Map.of(
            Action.ACCEPT, EnumSet.of(RECEIVED),
            Action.NOT_ACCEPT, EnumSet.of(RECEIVED),
            Action.ASK_MATERIALS, EnumSet.of(RECEIVED, ACCEPTED),
            Action.REPAIR, EnumSet.of(RECEIVED, ACCEPTED, MATERIALS_REQUESTED),
            Action.REFUSE, EnumSet.of(RECEIVED, ACCEPTED, MATERIALS_REQUESTED),
            Action.END_PUBLICITY, EnumSet.of(REPAIRED));

    private Transitions() {
    }

    public static boolean allowed(ApplicationStatus status, Action action) {
        return FROM.get(action).contains(status);
    }

    public static Set<ApplicationStatus> allowedFrom(Action action) {
        return FROM.get(action);
    }

    /**
     * The event of a step, with defaults for what the step leaves open.
     *
     * @param decisionNo the number a repair decision gets
     */
    public static EventDraft draft(PolicyStep step, LocalDate today, String decisionNo) {
        switch (step.action()) {
            case ACCEPT:
                return EventDraft.of(EventType.ACCEPTED);
            case NOT_ACCEPT:
                return refusal(EventType.NOT_ACCEPTED, step, "OBLIGATIONS_NOT_FULFILLED", "处罚决定尚未履行完毕，不予受理");
            case ASK_MATERIALS:
                String kind = step.materialKind() == null ? "CREDIT_COMMITMENT" : step.materialKind();
                String text = step.text() == null ? "请补充加盖公章的信用承诺书" : step.text();
                return new EventDraft(EventType.MATERIALS_REQUESTED,
                        step.reasonCode() == null ? "MATERIALS_INCOMPLETE" : step.reasonCode(), text,
                        List.of(new RequestedItem(kind, describe(kind))), today.plusDays(7), null, null, List.of());
            case REPAIR:
                return new EventDraft(EventType.REPAIRED, null, step.text(), List.of(), null, decisionNo, null, List.of());
            case REFUSE:
                return refusal(EventType.REFUSED, step, "NOT_REPAIRABLE", "不符合信用修复条件，不予修复");
            case END_PUBLICITY:
                return new EventDraft(EventType.PUBLICITY_ENDED, null, null, List.of(), null, null, today,
                        List.of("CREDIT_CHINA", "NATIONAL_ENTERPRISE_CREDIT_PUBLICITY"));
            default:
                throw new IllegalArgumentException("no event for " + step.action());
        }
    }

    private static EventDraft refusal(EventType type, PolicyStep step, String code, String text) {
        return new EventDraft(type, step.reasonCode() == null ? code : step.reasonCode(),
                step.text() == null ? text : step.text(), List.of(), null, null, null, List.of());
    }

    private static String describe(String kind) {
        switch (kind) {
            case "CREDIT_COMMITMENT":
                return "信用承诺书（加盖公章）";
            case "PROOF_OF_FULFILMENT":
                return "履行完毕的证明材料（罚款缴纳凭证）";
            case "RECTIFICATION_REPORT":
                return "整改报告";
            default:
                return "补充材料：" + kind;
        }
    }
}
