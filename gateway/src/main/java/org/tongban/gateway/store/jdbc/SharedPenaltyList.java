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
 * The {@code penalties} column of {@code shared_messages}: the penalties one message shared, in
 * the order the message carries them, as a JSON array with one array per penalty, written once per
 * message instead of a row per penalty (migration V010). Since V013 each is {@code [decision
 * number, automatic end or null]}: its other details are in the envelope that shared it. Lists
 * written before hold eight fields (decision number, authority, decision date, category, rule
 * set, credit code, enterprise name, automatic end) and are read with those details.
 */
final class SharedPenaltyList {
    private static final JsonFactory JSON = new JsonFactory();

    /**
     * One penalty of the list, its dates as 'YYYY-MM-DD' text.
     *
     * @param position its place in the message (its leaf index when the message is a batch)
     * @param written  its details as a list written before V013 held them, or null
     */
    record Item(int position, String decisionNumber, String automaticEnd, Written written) {
    }

    /** The details a list written before V013 kept for a penalty. */
    record Written(String authority, String decisionDate, String category, String ruleSet, String creditCode,
                   String enterpriseName) {
    }

    private SharedPenaltyList() {
    }

    /** The list of {@code records}, in the order the message carries them. */
    static String write(List<SharedPenaltyRecord> records) {
        StringWriter out = new StringWriter(records.size() * 48);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartArray();
            for (SharedPenaltyRecord r : records) {
                g.writeStartArray();
                g.writeString(r.penalty().decisionNumber());
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
                List<String> f = new ArrayList<>(8);
                JsonToken t;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (t != JsonToken.VALUE_STRING && t != JsonToken.VALUE_NULL) {
                        throw new IOException("field " + f.size() + " of a penalty is " + t);
                    }
                    f.add(t == JsonToken.VALUE_NULL ? null : p.getText());
                }
                items.add(item(items.size(), f));
            }
            expect(p.currentToken(), JsonToken.END_ARRAY);
        } catch (IOException e) {
            throw new StoreException("the penalties of a shared message cannot be read: " + e.getMessage(), e);
        }
        return items;
    }

    private static Item item(int position, List<String> f) throws IOException {
        int last = f.size() - 1;
        if ((f.size() != 2 && f.size() != 8) || f.subList(0, last).contains(null)) {
            throw new IOException("penalty " + position + " has " + f.size() + " fields, or a null before its automatic end");
        }
        Written written = f.size() == 8 ? new Written(f.get(1), f.get(2), f.get(3), f.get(4), f.get(5), f.get(6)) : null;
        return new Item(position, f.get(0), f.get(last), written);
    }

    private static void expect(JsonToken got, JsonToken wanted) throws IOException {
        if (got != wanted) {
            throw new IOException("expected " + wanted + ", found " + got);
        }
    }
}
