package org.tongban.gateway.store.jdbc;

import org.tongban.contracts.json.Canonicalizer;
import org.tongban.contracts.json.JsonObjectReader;
import org.tongban.contracts.json.ReadContext;
import org.tongban.contracts.json.StrictJson;
import org.tongban.contracts.message.PenaltyReference;

import org.tongban.ops.sla.Pause;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Contract records stored as canonical JSON text, and other values stored as text. */
final class Records {
    private Records() {
    }

    static String penaltyToJson(PenaltyReference p) {
        return new String(Canonicalizer.canonicalize(p.write().node()), StandardCharsets.UTF_8);
    }

    static PenaltyReference penaltyFromJson(String json) {
        ReadContext ctx = ReadContext.strict();
        JsonObjectReader r = JsonObjectReader.of(StrictJson.defaults().parse(json.getBytes(StandardCharsets.UTF_8)), "", ctx);
        PenaltyReference p = PenaltyReference.read(r);
        ctx.throwIfAny();
        return p;
    }

    /** Pauses as {@code from:until} epoch milliseconds, comma-separated, oldest first; empty for none. */
    static String pausesToText(List<Pause> pauses) {
        StringBuilder sb = new StringBuilder();
        for (Pause p : pauses) {
            sb.append(sb.length() == 0 ? "" : ",").append(p.from().toEpochMilli()).append(':').append(p.until().toEpochMilli());
        }
        return sb.toString();
    }

    static List<Pause> pausesFromText(String text) {
        List<Pause> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        for (String span : text.split(",")) {
            int colon = span.indexOf(':');
            out.add(new Pause(Instant.ofEpochMilli(Long.parseLong(span.substring(0, colon))),
                    Instant.ofEpochMilli(Long.parseLong(span.substring(colon + 1)))));
        }
        return out;
    }
}
