package org.tongban.gateway.store.jdbc;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.json.JsonObjectReader;
import org.tongban.contracts.json.ReadContext;
import org.tongban.contracts.message.MessageType;
import org.tongban.contracts.message.PenaltyNotice;
import org.tongban.contracts.message.PublicityEnded;
import org.tongban.gateway.store.StoreException;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The details of received penalty notices (enterprise name, authority, decision date, category,
 * rule set, summary, publication day, batch id), read from the stored envelopes that carried them
 * (migration V011): a {@code penalty_notices} row keeps what is looked up and changed, and its
 * message id and position in a batch name the rest in the inbox, which keeps every received
 * envelope as evidence. What the office sees of a notice is then exactly what was signed.
 *
 * <p>A batch is read as a stream: notices not asked for are skipped without being built, and the
 * reading stops after the last one asked for.
 */
final class CarriedNotices {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The notices one envelope carried: its batch id when a batch, else its one notice. */
    record Carried(String batchId, PenaltyNotice single, Map<Integer, PenaltyNotice> inBatch) {
        /** The notice at {@code leafIndex} of a batch, or the message's one notice when that is null. */
        PenaltyNotice notice(Integer leafIndex) {
            PenaltyNotice n = leafIndex == null ? single : inBatch.get(leafIndex);
            if (n == null) {
                throw new StoreException("the stored envelope holds no notice at "
                        + (leafIndex == null ? "its payload" : "position " + leafIndex), null);
            }
            return n;
        }

        /** The notice at {@code position} of its message: its one notice when the message is not a batch. */
        PenaltyNotice atPosition(int position) {
            return single != null ? single : notice(position);
        }
    }

    private CarriedNotices() {
    }

    /**
     * Reads the notices at {@code leaves} (positions in a batch; {@code null} for the payload of
     * a single {@code PenaltyNotice} or a {@code PublicityEnded}) from a stored envelope of type
     * {@code wireType}.
     */
    static Carried read(String messageId, String wireType, String envelope, Set<Integer> leaves) {
        MessageType type = MessageType.fromWireName(wireType);
        try (JsonParser p = JSON.createParser(envelope)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw unreadable(messageId, "not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if ("payload".equals(name)) {
                    return payload(messageId, type, p, leaves);
                }
                p.skipChildren();
            }
            throw unreadable(messageId, "no payload");
        } catch (IOException e) {
            throw unreadable(messageId, e.getMessage());
        }
    }

    private static Carried payload(String messageId, MessageType type, JsonParser p, Set<Integer> leaves)
            throws IOException {
        if (type == MessageType.PENALTY_NOTICE) {
            return new Carried(null, bind(messageId, JSON.readTree(p), "/payload", PenaltyNotice::read), Map.of());
        }
        if (type == MessageType.PUBLICITY_ENDED) {
            PublicityEnded ended = bind(messageId, JSON.readTree(p), "/payload", PublicityEnded::read);
            return new Carried(null, new PenaltyNotice(ended.enterprise(), ended.penalty(), null, null), Map.of());
        }
        if (type != MessageType.PENALTY_NOTICE_BATCH) {
            throw unreadable(messageId, "a " + type + " carries no penalty notice");
        }
        int last = leaves.stream().filter(i -> i != null).mapToInt(Integer::intValue).max().orElse(-1);
        String batchId = null;
        Map<Integer, PenaltyNotice> notices = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if ("batchId".equals(name) && value == JsonToken.VALUE_STRING) {
                batchId = p.getText();
            } else if ("notices".equals(name) && value == JsonToken.START_ARRAY) {
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY && i <= last) {
                    if (leaves.contains(i)) {
                        notices.put(i, bind(messageId, JSON.readTree(p), "/payload/notices/" + i, PenaltyNotice::read));
                    } else {
                        p.skipChildren();
                    }
                    i++;
                }
                if (batchId != null) {
                    break; // canonical order puts the batch id first: nothing more is needed
                }
                if (p.currentToken() != JsonToken.END_ARRAY) {
                    skipRestOfArray(p);
                }
            } else {
                p.skipChildren();
            }
        }
        return new Carried(batchId, null, notices);
    }

    private static void skipRestOfArray(JsonParser p) throws IOException {
        p.skipChildren(); // the element the loop stopped at
        while (p.nextToken() != JsonToken.END_ARRAY) {
            p.skipChildren();
        }
    }

    /** Binds a stored value with the contract's reader; a newer minor version's additions are ignored. */
    private static <T> T bind(String messageId, JsonNode node, String pointer, Function<JsonObjectReader, T> reader) {
        ReadContext ctx = new ReadContext(true);
        try {
            JsonObjectReader r = JsonObjectReader.of(node, pointer, ctx);
            T value = r == null ? null : reader.apply(r);
            ctx.throwIfAny();
            return value;
        } catch (ContractException e) {
            throw unreadable(messageId, e.getMessage());
        }
    }

    private static StoreException unreadable(String messageId, String why) {
        return new StoreException("the stored envelope " + messageId + " does not hold readable penalty notices: "
                + why, null);
    }
}
