package org.tongban.contracts.message;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tongban.contracts.json.JsonObjectReader;
import org.tongban.contracts.json.JsonObjectWriter;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Publicity of a penalty has ended on the listed channels (终止公示). Self-contained, so that it
 * can be shared with the home member also when no case exists (免申享, 结果互认).
 */
public record PublicityEnded(Enterprise enterprise, PenaltyReference penalty, PublicityEndCause cause,
                             LocalDate endedOn, List<PublicityChannel> channels) implements Payload {
    public PublicityEnded {
        Objects.requireNonNull(enterprise, "enterprise");
        Objects.requireNonNull(penalty, "penalty");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(endedOn, "endedOn");
        channels = List.copyOf(channels);
    }

    @Override
    public MessageType type() {
        return MessageType.PUBLICITY_ENDED;
    }

    public static PublicityEnded read(JsonObjectReader r) {
        Enterprise enterprise = r.object("enterprise", Enterprise::read);
        PenaltyReference penalty = r.object("penalty", PenaltyReference::read);
        PublicityEndCause cause = r.enumValue("cause", PublicityEndCause.class);
        LocalDate endedOn = r.date("endedOn");
        List<PublicityChannel> channels = r.enumList("channels", PublicityChannel.class, 1, 3);
        return r.build(() -> new PublicityEnded(enterprise, penalty, cause, endedOn, channels));
    }

    @Override
    public ObjectNode toJson() {
        return JsonObjectWriter.create()
                .put("enterprise", enterprise.write().node())
                .put("penalty", penalty.write().node())
                .put("cause", cause)
                .put("endedOn", endedOn)
                .putEnums("channels", channels)
                .node();
    }
}
