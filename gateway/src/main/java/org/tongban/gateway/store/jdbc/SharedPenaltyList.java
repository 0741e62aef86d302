package org.tongban.gateway.store.jdbc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.tongban.gateway.store.SharedPenaltyRecord;
import org.tongban.gateway.store.StoreException;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code penalties} column of {@code shared_messages} (migration V010): the details of the
 * penalties one message shared, as a JSON array with one array per penalty (decision number,
 * authority, decision date, category, rule set, credit code, enterprise name, automatic end or
 * null), written once per message instead of a row per penalty.
 */
final class SharedPenaltyList {
    private static final JsonFactory JSON = new JsonFactory();

    /** One penalty of the list, its dates as 'YYYY-MM-DD' text. */
    record Item(String decisionNumber, String authority, String decisionDate, String category, String ruleSet,
                String creditCode, String enterpriseName, String automaticEnd) {
    }

    private SharedPenaltyList() {
    }

    static String write(List<SharedPenaltyRecord> records) {
        StringWriter out = new StringWriter(records.size() * 160);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartArray();
            for (SharedPenaltyRecord r : records) {
                g.writeStartArray();
                g.writeString(r.penalty().decisionNumber());
                g.writeString(r.penalty().authority());
                g.writeString(r.penalty().decisionDate().toString());
                g.writeString(r.penalty().category().name());
                g.writeString(r.penalty().ruleSet());
                g.writeString(r.enterprise().creditCode().value());
                g.writeString(r.enterprise().name());
                if (r.automaticEnd() == null) {
                    g.writeNull();
                } else {
                    g.writeString(r.automaticEnd().toString());
                }
                g.writeEndArray();
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new StoreException("cannot write the penalties of a shared message: " + e.getMessage(), e);
        }
        return out.toString();
    }

    static List<Item> read(String json) {
        List<Item> items = new ArrayList<>();
        try (JsonParser p = JSON.createParser(json)) {
            expect(p.nextToken(), JsonToken.START_ARRAY);
            while (p.nextToken() == JsonToken.START_ARRAY) {
                String[] f = new String[8];
                for (int i = 0; i < f.length; i++) {
                    JsonToken t = p.nextToken();
                    if (t != JsonToken.VALUE_STRING && !(i == 7 && t == JsonToken.VALUE_NULL)) {
                        throw new IOException("field " + i + " of a penalty is " + t);
                    }
                    f[i] = t == JsonToken.VALUE_NULL ? null : p.getText();
                }
                expect(p.nextToken(), JsonToken.END_ARRAY);
                items.add(new Item(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7]));
            }
            expect(p.currentToken(), JsonToken.END_ARRAY);
        } catch (IOException e) {
            throw new StoreException("the penalties of a shared message cannot be read: " + e.getMessage(), e);
        }
        return items;
    }

    private static void expect(JsonToken got, JsonToken wanted) throws IOException {
        if (got != wanted) {
            throw new IOException("expected " + wanted + ", found " + got);
        }
    }
}
