package org.tongban.adapters.rest;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.tongban.adapters.events.EventTranslator;
import org.tongban.adapters.events.PlatformValues;
import org.tongban.adapters.failure.PlatformException;
import org.tongban.adapters.failure.UnreadableResponseException;
import org.tongban.adapters.http.RetryAfter;
import org.tongban.adapters.spi.PenaltyPage;
import org.tongban.adapters.spi.PlatformReceipt;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.id.CreditCode;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.message.Enterprise;
import org.tongban.contracts.message.PenaltyCategory;
import org.tongban.contracts.message.PenaltyNotice;
import org.tongban.contracts.message.PenaltyReference;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the platform's answers: success bodies into SPI types, anything else into the
 * failures {@link org.tongban.adapters.failure.FailureClassifier} understands. An error body
 * is {@code {"error": "<code>", "error_description": "…"}}.
 */
final class RestAnswers {
    private RestAnswers() {
    }

    /** The JSON body of an answer whose status is in {@code ok}; otherwise the failure it means. */
    static JsonObject expect(HttpResponse<Buffer> r, Set<Integer> ok, String call, Clock clock) {
        if (!ok.contains(r.statusCode())) {
            throw failure(r, call, clock);
        }
        try {
            return RestJson.object(r.body());
        } catch (ContractException e) {
            throw new UnreadableResponseException(r.statusCode(), call + ": HTTP " + r.statusCode()
                    + " with a body that is not a JSON object", e);
        }
    }

    static PlatformException failure(HttpResponse<Buffer> r, String call, Clock clock) {
        String code = null;
        String text = null;
        try {
            JsonObject body = RestJson.object(r.body());
            code = RestJson.string(body, "error");
            text = RestJson.string(body, "error_description");
        } catch (ContractException notAnErrorBody) {
            // the status alone decides; the body is only detail
        }
        return new PlatformException(r.statusCode(), code, call + ": HTTP " + r.statusCode()
                + (code == null ? "" : " " + code) + (text == null ? "" : " (" + text + ")"),
                RetryAfter.parse(r.getHeader("Retry-After"), clock));
    }

    static PlatformReceipt receipt(JsonObject body, int status, String call, Clock clock) {
        String number;
        String received;
        try {
            number = PlatformValues.required(RestJson.string(body, "application_no"), "application_no");
            received = RestJson.string(body, "received_at");
            Instant at = received == null ? clock.instant()
                    : PlatformValues.dateTime(received, RestJson.TIME, "received_at").atOffset(EventTranslator.CHINA)
                    .toInstant();
            return new PlatformReceipt(number, at);
        } catch (ContractException e) {
            throw new UnreadableResponseException(status, call + ": " + e.getMessage(), e);
        }
    }

    /** A page of the penalty feed; an item that is bad data fails the page with a {@link ContractException}. */
    static PenaltyPage penalties(JsonObject body, int status, MemberId member) {
        JsonArray items;
        String next;
        Object more = body.getValue("has_more");
        try {
            items = RestJson.array(body, "items");
            next = PlatformValues.required(RestJson.string(body, "next_cursor"), "next_cursor");
        } catch (ContractException e) {
            throw new UnreadableResponseException(status, "penalties: " + e.getMessage(), e);
        }
        if (!(more instanceof Boolean)) {
            throw new UnreadableResponseException(status, "penalties: has_more is not true or false");
        }
        List<PenaltyNotice> notices = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            notices.add(penalty(items.getValue(i), "items/" + i + "/", member));
        }
        return new PenaltyPage(notices, next, (Boolean) more);
    }

    private static PenaltyNotice penalty(Object item, String at, MemberId member) {
        if (!(item instanceof JsonObject)) {
            throw new ContractException(org.tongban.contracts.error.ErrorCode.FIELD_TYPE, at, at + ": expected an object");
        }
        JsonObject o = (JsonObject) item;
        Enterprise enterprise = new Enterprise(CreditCode.of(req(o, "credit_code", at)), req(o, "enterprise_name", at));
        PenaltyReference penalty = new PenaltyReference(req(o, "decision_number", at), req(o, "deciding_authority", at),
                member, PlatformValues.date(RestJson.string(o, "decision_date"), RestJson.DATE, at + "decision_date"),
                PlatformValues.enumValue(PenaltyCategory.class, RestJson.string(o, "category"), at + "category"),
                req(o, "rule_set", at));
        return new PenaltyNotice(enterprise, penalty, RestJson.string(o, "summary"),
                PlatformValues.optionalDate(RestJson.string(o, "published_on"), RestJson.DATE, at + "published_on"));
    }

    private static String req(JsonObject o, String key, String at) {
        return PlatformValues.required(RestJson.string(o, key), at + key);
    }
}
