package org.tongban.gateway.office;

import com.fasterxml.jackson.databind.JsonNode;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.id.CreditCode;
import org.tongban.contracts.id.Ids;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.json.JsonObjectReader;
import org.tongban.contracts.json.ReadContext;
import org.tongban.contracts.message.Attachment;
import org.tongban.contracts.message.Contact;
import org.tongban.contracts.message.DeferredMaterial;
import org.tongban.gateway.http.QueryParameters;
import org.tongban.gateway.sharing.CaseFromNotice;
import org.tongban.gateway.store.NoticeFilter;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Binds the office API's penalty-notice requests, strictly, as {@link OfficeRequests} does for cases. */
final class NoticeRequests {
    /** Whether a notice's penalty is still published (公示中) or its publicity ended (已终止公示). */
    enum NoticeState {
        PUBLISHED, ENDED
    }

    private NoticeRequests() {
    }

    /** The query of {@code GET /office/v1/notices}. */
    record NoticeQuery(NoticeState state, MemberId penalizingMember, CreditCode creditCode, int limit, String after) {
        NoticeFilter filter(int fetch) {
            return new NoticeFilter(null, penalizingMember, creditCode == null ? null : creditCode.value(),
                    state == null ? null : state == NoticeState.ENDED, fetch, after);
        }
    }

    static NoticeQuery noticeQuery(Map<String, List<String>> query) {
        ReadContext ctx = ReadContext.strict();
        JsonObjectReader r = QueryParameters.reader(query, Set.of("limit"), ctx);
        NoticeState state = r.optEnumValue("state", NoticeState.class);
        MemberId penalizing = r.optParsed("penalizingMember", MemberId::of);
        CreditCode creditCode = r.optParsed("creditCode", CreditCode::of);
        Long limit = r.optInteger("limit", 1, OfficeRequests.MAX_LIMIT);
        String after = r.optParsed("after", text -> Ids.parseV7(text).toString());
        r.end();
        ctx.throwIfAny();
        return new NoticeQuery(state, penalizing, creditCode,
                limit == null ? OfficeRequests.DEFAULT_LIMIT : limit.intValue(), after);
    }

    /** The body of {@code POST /office/v1/notices/{noticeId}/case}. */
    static CaseFromNotice caseFromNotice(JsonNode body) {
        return OfficeRequests.bind(body, r -> {
            LocalDate appliedOn = r.optDate("appliedOn");
            String homeReference = r.optString("homeReference", OfficeRequests.MAX_REFERENCE);
            List<Contact> contacts = r.list("contacts", 1, OfficeRequests.MAX_CONTACTS, Contact::read);
            List<Attachment> materials = r.list("materials", 0, OfficeRequests.MAX_MATERIALS, Attachment::read);
            List<DeferredMaterial> deferred = r.list("deferredMaterials", 0, OfficeRequests.MAX_MATERIALS,
                    DeferredMaterial::read);
            String statement = r.optString("statement", OfficeRequests.MAX_STATEMENT);
            return r.build(() -> new CaseFromNotice(appliedOn, homeReference, contacts, materials, deferred, statement));
        });
    }

    static String noticeId(String text) {
        try {
            return Ids.parseV7(text).toString();
        } catch (ContractException e) {
            throw new ContractException(ErrorCode.IDENTIFIER_INVALID, "/noticeId", "'" + text + "' is not a notice id");
        }
    }
}
