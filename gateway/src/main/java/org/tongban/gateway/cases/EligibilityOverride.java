package org.tongban.gateway.cases;

import org.tongban.contracts.json.JsonObjectReader;

import java.util.Objects;

/**
 * A clerk's explicit decision to file penalties that the rules say cannot be applied for now
 * (e.g. a court set the minimum period aside), with the reason, which is audited and shown in
 * the timeline of each leg it lets through.
 */
public record EligibilityOverride(String reason) {
    public static final int MAX_REASON = 500;

    public EligibilityOverride {
        Objects.requireNonNull(reason, "reason");
    }

    public static EligibilityOverride read(JsonObjectReader r) {
        String reason = r.string("reason", MAX_REASON);
        return r.build(() -> new EligibilityOverride(reason));
    }
}
