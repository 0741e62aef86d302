package org.tongban.contracts.message;

import org.tongban.contracts.json.CanonicalWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tongban.contracts.json.JsonObjectReader;
import org.tongban.contracts.json.JsonObjectWriter;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Notice of a penalty on an enterprise registered in another member city (信息共享), sent to
 * that enterprise's home member.
 *
 * @param summary     the finding in brief (违法事实), optional
 * @param publishedOn the day publicity began, optional
 */
public record PenaltyNotice(Enterprise enterprise, PenaltyReference penalty, String summary,
                            LocalDate publishedOn) implements Payload {
    public PenaltyNotice {
        Objects.requireNonNull(enterprise, "enterprise");
        Objects.requireNonNull(penalty, "penalty");
    }

    @Override
    public MessageType type() {
        return MessageType.PENALTY_NOTICE;
    }

    public static PenaltyNotice read(JsonObjectReader r) {
        Enterprise enterprise = r.object("enterprise", Enterprise::read);
        PenaltyReference penalty = r.object("penalty", PenaltyReference::read);
        String summary = r.optString("summary", Formats.NOTE);
        LocalDate publishedOn = r.optDate("publishedOn");
        return r.build(() -> new PenaltyNotice(enterprise, penalty, summary, publishedOn));
    }

    /**
     * The canonical JSON of {@link #toJson()}, written directly: the leaf a batch's hash tree
     * holds for this notice (see {@link PenaltyNoticeBatch#build}).
     */
    public byte[] canonicalBytes() {
        CanonicalWriter w = new CanonicalWriter(384).begin();
        enterprise.writeCanonical(w.object("enterprise")).end();
        penalty.writeCanonical(w.object("penalty")).end();
        return w.text("publishedOn", publishedOn).string("summary", summary).end().toByteArray();
    }

    @Override
    public ObjectNode toJson() {
        return JsonObjectWriter.create()
                .put("enterprise", enterprise.write().node())
                .put("penalty", penalty.write().node())
                .put("summary", summary)
                .put("publishedOn", publishedOn)
                .node();
    }
}
