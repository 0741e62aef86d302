package org.tongban.gateway.office;

import com.fasterxml.jackson.databind.JsonNode;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.id.CaseId;
import org.tongban.contracts.id.CreditCode;
import org.tongban.contracts.id.LegId;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.json.JsonObjectReader;
import org.tongban.contracts.json.ReadContext;
import org.tongban.contracts.message.Attachment;
import org.tongban.contracts.message.Contact;
import org.tongban.contracts.message.DeferredMaterial;
import org.tongban.contracts.message.Enterprise;
import org.tongban.contracts.message.LegState;
import org.tongban.contracts.message.MaterialsSupplement;
import org.tongban.contracts.message.PenaltyReference;
import org.tongban.contracts.message.Withdrawal;
import org.tongban.gateway.cases.EligibilityOverride;
import org.tongban.gateway.cases.NewCase;
import org.tongban.gateway.http.QueryParameters;
import org.tongban.gateway.store.CaseFilter;
import org.tongban.gateway.store.CaseStatus;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Binds office API requests to records with the contract's strict reader and record codecs, so
 * the office edge refuses exactly what the federation edge refuses, with the same codes and
 * JSON Pointers.
 */
final class OfficeRequests {
    // The limits of RepairApplication, which each leg's application must pass anyway.
    static final int MAX_PENALTIES = 50;
    static final int MAX_CONTACTS = 10;
    static final int MAX_MATERIALS = 50;
    static final int MAX_REFERENCE = 100;
    static final int MAX_STATEMENT = 2000;

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    /** What the idempotency store keeps: up to 100 visible ASCII characters. */
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,100}");

    private OfficeRequests() {
    }

    /** The body of {@code POST /office/v1/cases}. */
    static NewCase newCase(JsonNode body) {
        return bind(body, r -> {
            Enterprise enterprise = r.object("enterprise", Enterprise::read);
            List<PenaltyReference> penalties = r.list("penalties", 1, MAX_PENALTIES, PenaltyReference::read);
            LocalDate appliedOn = r.date("appliedOn");
            String homeReference = r.optString("homeReference", MAX_REFERENCE);
            List<Contact> contacts = r.list("contacts", 1, MAX_CONTACTS, Contact::read);
            List<Attachment> materials = r.list("materials", 0, MAX_MATERIALS, Attachment::read);
            List<DeferredMaterial> deferred = r.list("deferredMaterials", 0, MAX_MATERIALS, DeferredMaterial::read);
            String statement = r.optString("statement", MAX_STATEMENT);
            EligibilityOverride override = r.optObject("override", EligibilityOverride::read);
            return r.build(() -> new NewCase(enterprise, penalties, appliedOn, homeReference, contacts, materials,
                    deferred, statement, override));
        });
    }

    static MaterialsSupplement supplement(JsonNode body) {
        return bind(body, MaterialsSupplement::read);
    }

    static Withdrawal withdrawal(JsonNode body) {
        return bind(body, Withdrawal::read);
    }

    static <T> T bind(JsonNode body, Function<JsonObjectReader, T> reader) {
        ReadContext ctx = ReadContext.strict();
        JsonObjectReader r = JsonObjectReader.of(body, "", ctx);
        T value = r == null ? null : reader.apply(r);
        ctx.throwIfAny();
        return value;
    }

    /** The {@code Idempotency-Key} header, or {@code null} when absent. */
    static String idempotencyKey(String header) {
        if (header == null) {
            return null;
        }
        if (!IDEMPOTENCY_KEY.matcher(header).matches()) {
            throw new ContractException(ErrorCode.FIELD_FORMAT, "",
                    "the Idempotency-Key header must be 1 to 100 visible ASCII characters");
        }
        return header;
    }

    static CaseId caseId(String text) {
        try {
            return CaseId.parse(text);
        } catch (ContractException e) {
            throw new ContractException(ErrorCode.IDENTIFIER_INVALID, "/caseId", "'" + text + "' is not a case id");
        }
    }

    static LegId legId(String text) {
        try {
            return LegId.parse(text);
        } catch (ContractException e) {
            throw new ContractException(ErrorCode.IDENTIFIER_INVALID, "/legId", "'" + text + "' is not a leg id");
        }
    }

    /**
     * The query of {@code GET /office/v1/cases}.
     *
     * @param after        keyset cursor: the last case id of the previous page
     * @param createdSince only cases filed at or after this instant (case ids are time-ordered)
     */
    record CaseQuery(CaseStatus status, LegState legState, MemberId penalizingMember, CreditCode creditCode, int limit,
                     CaseId after, OffsetDateTime createdSince) {

        /** The store filter, fetching {@code fetch} rows (one more than a page tells whether there is a next). */
        CaseFilter filter(int fetch) {
            return new CaseFilter(null, creditCode == null ? null : creditCode.value(), status, legState,
                    penalizingMember, fetch, cursor());
        }

        private String cursor() {
            String afterId = after == null ? null : after.toString();
            if (createdSince == null) {
                return afterId;
            }
            // Below every UUIDv7 of that millisecond and above all earlier ones: the 48-bit time
            // prefix followed by zeros (version 0), which no real id has.
            long ms = Math.max(0, createdSince.toInstant().toEpochMilli());
            String since = String.format("%08x-%04x-0000-0000-000000000000", ms >>> 16, ms & 0xFFFF);
            return afterId == null || since.compareTo(afterId) > 0 ? since : afterId;
        }
    }

    static CaseQuery caseQuery(Map<String, List<String>> query) {
        ReadContext ctx = ReadContext.strict();
        JsonObjectReader r = QueryParameters.reader(query, Set.of("limit"), ctx);
        CaseStatus status = r.optEnumValue("status", CaseStatus.class);
        LegState legState = r.optEnumValue("legState", LegState.class);
        MemberId penalizing = r.optParsed("penalizingMember", MemberId::of);
        CreditCode creditCode = r.optParsed("creditCode", CreditCode::of);
        Long limit = r.optInteger("limit", 1, MAX_LIMIT);
        CaseId after = r.optParsed("after", CaseId::parse);
        OffsetDateTime since = r.optTimestamp("createdSince");
        r.end();
        ctx.throwIfAny();
        return new CaseQuery(status, legState, penalizing, creditCode, limit == null ? DEFAULT_LIMIT : limit.intValue(),
                after, since);
    }
}
