package org.tongban.adapters.xml;

import org.tongban.adapters.events.PlatformValues;
import org.tongban.adapters.events.PushedEvent;
import org.tongban.adapters.spi.LegRef;
import org.tongban.adapters.spi.PenaltyPage;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.id.CreditCode;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.message.Attachment;
import org.tongban.contracts.message.Contact;
import org.tongban.contracts.message.DeferredMaterial;
import org.tongban.contracts.message.Enterprise;
import org.tongban.contracts.message.MaterialsSupplement;
import org.tongban.contracts.message.PenaltyCategory;
import org.tongban.contracts.message.PenaltyNotice;
import org.tongban.contracts.message.PenaltyReference;
import org.tongban.contracts.message.RepairApplication;
import org.tongban.contracts.message.Withdrawal;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code xml-hmac} documents: PascalCase elements, dates {@code yyyy-MM-dd}, times
 * {@code yyyy-MM-dd HH:mm:ss} in China Standard Time; absent optional values are left out.
 */
final class XmlMessages {
    static final DateTimeFormatter DATE = PlatformValues.pattern("yyyy-MM-dd");
    static final DateTimeFormatter TIME = PlatformValues.pattern("yyyy-MM-dd HH:mm:ss");

    private XmlMessages() {
    }

    static byte[] apply(XmlCharset cs, LegRef leg, RepairApplication a, String callbackUrl) {
        XmlWriter w = new XmlWriter(cs).start("Request")
                .element("ExternalId", leg.legId())
                .element("CaseId", leg.caseId())
                .element("HomeMember", leg.homeMember().value())
                .element("CreditCode", a.enterprise().creditCode().value())
                .element("EnterpriseName", a.enterprise().name())
                .element("DecisionNumber", a.penalty().decisionNumber())
                .element("DecidingAuthority", a.penalty().authority())
                .element("DecisionDate", DATE.format(a.penalty().decisionDate()))
                .element("Category", a.penalty().category().name())
                .element("RuleSet", a.penalty().ruleSet())
                .element("AppliedOn", DATE.format(a.appliedOn()))
                .element("CallbackUrl", callbackUrl)
                .element("Statement", a.statement())
                .start("Contacts");
        for (Contact c : a.contacts()) {
            w.start("Contact").element("Name", c.name()).element("Role", c.role().name()).element("Phone", c.phone())
                    .element("Email", c.email()).end("Contact");
        }
        w.end("Contacts");
        materials(w, a.materials());
        w.start("DeferredMaterials");
        for (DeferredMaterial d : a.deferredMaterials()) {
            w.start("Deferred").element("Kind", d.kind().name()).element("Description", d.description())
                    .element("PromisedDate", DATE.format(d.promisedDate())).end("Deferred");
        }
        return w.end("DeferredMaterials").end("Request").bytes();
    }

    static byte[] supplement(XmlCharset cs, LegRef leg, MaterialsSupplement s) {
        XmlWriter w = new XmlWriter(cs).start("Request").element("ExternalId", leg.legId())
                .element("ApplicationNo", leg.platformReference());
        materials(w, s.materials());
        return w.element("Note", s.note()).end("Request").bytes();
    }

    static byte[] withdraw(XmlCharset cs, LegRef leg, Withdrawal wd) {
        return new XmlWriter(cs).start("Request").element("ExternalId", leg.legId())
                .element("ApplicationNo", leg.platformReference()).element("Reason", wd.reason().name())
                .element("Note", wd.note()).end("Request").bytes();
    }

    static byte[] penalties(XmlCharset cs, String since, int limit) {
        return new XmlWriter(cs).start("Request").element("Since", since).element("Limit", limit).end("Request").bytes();
    }

    static byte[] ping(XmlCharset cs) {
        return new XmlWriter(cs).start("Request").end("Request").bytes();
    }

    /** A short answer to a pushed event: {@code <Response><Code/>[<Message/>]</Response>}. */
    static byte[] answer(XmlCharset cs, String code, String message) {
        return new XmlWriter(cs).start("Response").element("Code", code).element("Message", message).end("Response")
                .bytes();
    }

    private static void materials(XmlWriter w, List<Attachment> materials) {
        w.start("Materials");
        for (Attachment m : materials) {
            w.start("Material").element("AttachmentId", m.id()).element("FileName", m.fileName())
                    .element("MediaType", m.mediaType()).element("Size", m.size()).element("Sha256", m.sha256())
                    .element("Kind", m.kind().name()).end("Material");
        }
        w.end("Materials");
    }

    /** A pushed {@code <Event>}; another root or a bad date is a {@link ContractException}. */
    static PushedEvent event(XmlDocument d) {
        if (!"Event".equals(d.rootName())) {
            throw new ContractException(ErrorCode.FIELD_TYPE, "", "expected an <Event>, got <" + d.rootName() + ">");
        }
        List<PushedEvent.Requested> requested = new ArrayList<>();
        for (XmlDocument.XmlNode m : d.list("RequestedMaterials", "Material")) {
            requested.add(new PushedEvent.Requested(m.text("Kind"), m.text("Description")));
        }
        List<String> channels = new ArrayList<>();
        for (XmlDocument.XmlNode c : d.list("Channels", "Channel")) {
            String text = c.element().getTextContent().trim();
            channels.add(text);
        }
        String occurred = d.text("OccurredAt");
        return new PushedEvent(d.text("EventId"), d.text("ApplicationNo"), d.text("ExternalId"), d.text("CaseId"),
                d.text("HomeMember"), d.text("EventType"),
                occurred == null ? null : PlatformValues.dateTime(occurred, TIME, "OccurredAt"),
                d.text("ReasonCode"), d.text("ReasonText"), requested,
                PlatformValues.optionalDate(d.text("RespondBy"), DATE, "RespondBy"), d.text("DecisionNo"),
                PlatformValues.optionalDate(d.text("EndedOn"), DATE, "EndedOn"), channels);
    }

    /** The penalty page of a successful answer; an item that is bad data is a {@link ContractException}. */
    static PenaltyPage penaltyPage(XmlDocument d, MemberId member) {
        List<PenaltyNotice> notices = new ArrayList<>();
        List<XmlDocument.XmlNode> items = d.list("Items", "Item");
        for (int i = 0; i < items.size(); i++) {
            XmlDocument.XmlNode o = items.get(i);
            String at = "Items/" + i + "/";
            Enterprise enterprise = new Enterprise(CreditCode.of(req(o, "CreditCode", at)), req(o, "EnterpriseName", at));
            PenaltyReference penalty = new PenaltyReference(req(o, "DecisionNumber", at), req(o, "DecidingAuthority", at),
                    member, PlatformValues.date(o.text("DecisionDate"), DATE, at + "DecisionDate"),
                    PlatformValues.enumValue(PenaltyCategory.class, o.text("Category"), at + "Category"),
                    req(o, "RuleSet", at));
            notices.add(new PenaltyNotice(enterprise, penalty, o.text("Summary"),
                    PlatformValues.optionalDate(o.text("PublishedOn"), DATE, at + "PublishedOn")));
        }
        String next = PlatformValues.required(d.text("NextCursor"), "NextCursor");
        String more = d.text("HasMore");
        if (!"true".equals(more) && !"false".equals(more)) {
            throw new ContractException(ErrorCode.FIELD_FORMAT, "HasMore", "HasMore is not true or false");
        }
        return new PenaltyPage(notices, next, Boolean.parseBoolean(more));
    }

    private static String req(XmlDocument.XmlNode o, String name, String at) {
        return PlatformValues.required(o.text(name), at + name);
    }
}
