package org.tongban.adapters.declarative;

import org.tongban.contracts.message.ContactRole;
import org.tongban.contracts.message.MaterialKind;
import org.tongban.contracts.message.PenaltyCategory;
import org.tongban.contracts.message.WithdrawalReason;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The contract fields a request body may take its values from, per endpoint: the leg
 * ({@code leg.legId}, …) and the fields of the contract message, named as in its JSON
 * ({@code enterprise.creditCode}, {@code penalty.decisionDate}, {@code materials}, …). Knowing
 * their kinds lets a mapping be checked when the node starts: a misspelt field, a date format on
 * a text, an enum map with a value the contract does not have.
 */
final class ContractFields {
    enum Kind { TEXT, NUMBER, DATE, ENUM, LIST }

    /** @param enumType for {@link Kind#ENUM}; @param items for {@link Kind#LIST}, the fields of one item */
    record Field(Kind kind, Class<? extends Enum<?>> enumType, Map<String, Field> items) {
        static Field text() {
            return new Field(Kind.TEXT, null, Map.of());
        }

        static Field number() {
            return new Field(Kind.NUMBER, null, Map.of());
        }

        static Field date() {
            return new Field(Kind.DATE, null, Map.of());
        }

        static Field enumOf(Class<? extends Enum<?>> type) {
            return new Field(Kind.ENUM, type, Map.of());
        }

        static Field list(Map<String, Field> items) {
            return new Field(Kind.LIST, null, items);
        }
    }

    private static final Map<String, Field> LEG = fields(
            "leg.legId", Field.text(), "leg.caseId", Field.text(), "leg.homeMember", Field.text(),
            "leg.penalizingMember", Field.text(), "leg.platformReference", Field.text());

    private static final Map<String, Field> MATERIAL = fields(
            "id", Field.text(), "fileName", Field.text(), "mediaType", Field.text(), "size", Field.number(),
            "sha256", Field.text(), "kind", Field.enumOf(MaterialKind.class));

    private static final Map<String, Field> APPLY = fields(
            "enterprise.creditCode", Field.text(), "enterprise.name", Field.text(),
            "penalty.decisionNumber", Field.text(), "penalty.authority", Field.text(),
            "penalty.penalizingMember", Field.text(), "penalty.decisionDate", Field.date(),
            "penalty.category", Field.enumOf(PenaltyCategory.class), "penalty.ruleSet", Field.text(),
            "appliedOn", Field.date(), "homeReference", Field.text(), "statement", Field.text(),
            "contacts", Field.list(fields("name", Field.text(), "role", Field.enumOf(ContactRole.class),
                    "phone", Field.text(), "email", Field.text())),
            "materials", Field.list(MATERIAL),
            "deferredMaterials", Field.list(fields("kind", Field.enumOf(MaterialKind.class),
                    "description", Field.text(), "promisedDate", Field.date())));

    private static final Map<String, Field> SUPPLEMENT = fields("materials", Field.list(MATERIAL), "note", Field.text());

    private static final Map<String, Field> WITHDRAW = fields("reason", Field.enumOf(WithdrawalReason.class),
            "note", Field.text());

    private ContractFields() {
    }

    /** The fields a body of {@code endpoint} may use: the leg's and its message's. */
    static Map<String, Field> of(Endpoint.Name endpoint) {
        Map<String, Field> out = new LinkedHashMap<>(LEG);
        switch (endpoint) {
            case APPLY:
                out.putAll(APPLY);
                break;
            case SUPPLEMENT:
                out.putAll(SUPPLEMENT);
                break;
            case WITHDRAW:
                out.putAll(WITHDRAW);
                break;
            default:
                break;
        }
        return out;
    }

    private static Map<String, Field> fields(Object... pairs) {
        Map<String, Field> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (Field) pairs[i + 1]);
        }
        return m;
    }
}
