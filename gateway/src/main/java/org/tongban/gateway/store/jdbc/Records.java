package org.tongban.gateway.store.jdbc;

import org.tongban.contracts.json.Canonicalizer;
import org.tongban.contracts.json.JsonObjectReader;
import org.tongban.contracts.json.ReadContext;
import org.tongban.contracts.json.StrictJson;
import org.tongban.contracts.message.PenaltyReference;

import java.nio.charset.StandardCharsets;

/** Contract records stored as canonical JSON text. */
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
}
