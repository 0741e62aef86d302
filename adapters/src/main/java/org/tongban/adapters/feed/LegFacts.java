package org.tongban.adapters.feed;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.tongban.adapters.spi.CursorStore;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.id.CreditCode;
import org.tongban.contracts.id.LegId;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.message.Enterprise;
import org.tongban.contracts.message.PenaltyCategory;
import org.tongban.contracts.message.PenaltyReference;
import org.tongban.contracts.message.RepairApplication;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * What an adapter must remember of each application it handed over: the contract's
 * {@link org.tongban.contracts.message.PublicityEnded} names the enterprise and the penalty,
 * while a platform's "publicity ended" (终止公示) change names only the leg. The facts are kept
 * in the gateway's durable adapter store, under the feed name {@code leg/<legId>}, so that they
 * survive restarts and are seen by every process of the node; they are written before the
 * application leaves, so no change can arrive for a leg whose facts are missing.
 */
public final class LegFacts {
    /** Feed names of leg facts start with this; change and penalty feeds never do. */
    public static final String PREFIX = "leg/";

    private final CursorStore store;

    public LegFacts(CursorStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** The enterprise and penalty of one leg's application. */
    public record Facts(Enterprise enterprise, PenaltyReference penalty) {
        public Facts {
            Objects.requireNonNull(enterprise, "enterprise");
            Objects.requireNonNull(penalty, "penalty");
        }
    }

    /** Keeps the facts of {@code application}; completes once they are durable. */
    public Future<Void> remember(LegId leg, RepairApplication application) {
        PenaltyReference p = application.penalty();
        JsonObject json = new JsonObject()
                .put("creditCode", application.enterprise().creditCode().toString())
                .put("name", application.enterprise().name())
                .put("decisionNumber", p.decisionNumber())
                .put("authority", p.authority())
                .put("penalizingMember", p.penalizingMember().value())
                .put("decisionDate", p.decisionDate().toString())
                .put("category", p.category().name())
                .put("ruleSet", p.ruleSet());
        return store.save(PREFIX + leg, json.encode());
    }

    /** The facts kept for {@code leg}, if any. */
    public Future<Optional<Facts>> recall(LegId leg) {
        return store.load(PREFIX + leg).map(text -> text.map(t -> parse(leg, t)));
    }

    private static Facts parse(LegId leg, String text) {
        try {
            JsonObject j = new JsonObject(text);
            return new Facts(new Enterprise(CreditCode.of(j.getString("creditCode")), j.getString("name")),
                    new PenaltyReference(j.getString("decisionNumber"), j.getString("authority"),
                            MemberId.of(j.getString("penalizingMember")), LocalDate.parse(j.getString("decisionDate")),
                            PenaltyCategory.valueOf(j.getString("category")), j.getString("ruleSet")));
        } catch (RuntimeException e) {
            throw new ContractException(ErrorCode.MESSAGE_INCONSISTENT, "", "the facts kept for leg " + leg
                    + " cannot be read: " + e.getMessage());
        }
    }
}
