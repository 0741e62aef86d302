package org.tongban.gateway.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.tongban.adapters.spi.AdapterHealth;
import org.tongban.adapters.spi.LegRef;
import org.tongban.adapters.spi.PlatformAdapter;
import org.tongban.adapters.spi.PlatformEvent;
import org.tongban.adapters.spi.PlatformEventSink;
import org.tongban.adapters.spi.PlatformReceipt;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.message.Acceptance;
import org.tongban.contracts.message.AcceptanceOutcome;
import org.tongban.contracts.message.DecisionOutcome;
import org.tongban.contracts.message.MaterialKind;
import org.tongban.contracts.message.MaterialsRequest;
import org.tongban.contracts.message.MaterialsSupplement;
import org.tongban.contracts.message.Payload;
import org.tongban.contracts.message.PublicityChannel;
import org.tongban.contracts.message.PublicityEndCause;
import org.tongban.contracts.message.PublicityEnded;
import org.tongban.contracts.message.Reason;
import org.tongban.contracts.message.ReasonCode;
import org.tongban.contracts.message.RepairApplication;
import org.tongban.contracts.message.RepairDecision;
import org.tongban.contracts.message.RequestedMaterial;
import org.tongban.contracts.message.Withdrawal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Plays a fixed script of platform decisions for every application it takes. */
final class ScriptedAdapter implements PlatformAdapter {
    private final Vertx vertx;
    private final MemberId member;
    private final List<String> steps;
    private final long delayMillis;
    /** The applications whose script is still playing (the last step needs the enterprise and the penalty). */
    private final Map<String, RepairApplication> applications = new ConcurrentHashMap<>();
    /** The legs whose script has ended: a redelivered application does not play it again. */
    private final java.util.Set<String> finished = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> resumeAt = new ConcurrentHashMap<>();
    private final ScriptedPenaltyFeed penalties;
    private volatile PlatformEventSink sink;

    ScriptedAdapter(Vertx vertx, MemberId member, List<String> steps, long delayMillis, ScriptedPenaltyFeed penalties) {
        this.vertx = vertx;
        this.penalties = penalties;
        this.member = member;
        this.steps = steps;
        this.delayMillis = delayMillis;
    }

    @Override
    public Future<Void> start(PlatformEventSink sink) {
        this.sink = sink;
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> stop() {
        return Future.succeededFuture();
    }

    @Override
    public Future<PlatformReceipt> submitApplication(LegRef leg, RepairApplication application) {
        String key = leg.legId().toString();
        // an empty script keeps nothing: a long load run would otherwise hold every application it took
        if (!steps.isEmpty() && !finished.contains(key) && applications.putIfAbsent(key, application) == null) {
            play(leg, 0);
        }
        return Future.succeededFuture(new PlatformReceipt("SCR-" + key.substring(key.length() - 8), Instant.now()));
    }

    @Override
    public Future<PlatformReceipt> submitMaterials(LegRef leg, MaterialsSupplement supplement) {
        Integer at = resumeAt.remove(leg.legId().toString());
        if (at != null) {
            play(leg, at);
        }
        return Future.succeededFuture(new PlatformReceipt("SCR-M-" + leg.legId(), Instant.now()));
    }

    @Override
    public Future<PlatformReceipt> submitWithdrawal(LegRef leg, Withdrawal withdrawal) {
        resumeAt.remove(leg.legId().toString());
        return Future.succeededFuture(new PlatformReceipt("SCR-W-" + leg.legId(), Instant.now()));
    }

    @Override
    public Future<org.tongban.adapters.spi.PenaltyPage> readPenalties(String cursor, int limit) {
        return penalties.read(cursor, limit);
    }

    @Override
    public Future<AdapterHealth> health() {
        return Future.succeededFuture(AdapterHealth.healthy());
    }

    private void play(LegRef leg, int index) {
        if (index >= steps.size()) {
            String key = leg.legId().toString();
            finished.add(key);
            applications.remove(key);
            return;
        }
        vertx.setTimer(delayMillis, t -> {
            String step = steps.get(index);
            Payload payload = payload(leg, step);
            PlatformEvent event = new PlatformEvent(member + ":" + leg.legId() + ":" + index, leg, payload, Instant.now());
            publish(event, 0).onSuccess(v -> {
                if ("request-materials".equals(step)) {
                    resumeAt.put(leg.legId().toString(), index + 1);
                } else {
                    play(leg, index + 1);
                }
            });
        });
    }

    private Future<Void> publish(PlatformEvent event, int attempt) {
        return sink.publish(event).recover(e -> {
            if (attempt >= 50) {
                return Future.failedFuture(e);
            }
            io.vertx.core.Promise<Void> retry = io.vertx.core.Promise.promise();
            vertx.setTimer(200, t -> publish(event, attempt + 1).onComplete(retry));
            return retry.future();
        });
    }

    private Payload payload(LegRef leg, String step) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(8));
        RepairApplication app = applications.get(leg.legId().toString());
        switch (step) {
            case "accept":
                return new Acceptance(AcceptanceOutcome.ACCEPTED, "SCR-" + leg.legId(), List.of(), now);
            case "request-materials":
                return new MaterialsRequest(List.of(new RequestedMaterial(MaterialKind.PROOF_OF_FULFILMENT,
                        "请补充罚款缴纳凭证")), LocalDate.now().plusDays(5), null);
            case "repair":
                return new RepairDecision(DecisionOutcome.REPAIRED, List.of(), now, "SCR-D-" + leg.legId());
            case "refuse":
                return new RepairDecision(DecisionOutcome.REFUSED, List.of(new Reason(ReasonCode.OBLIGATIONS_NOT_FULFILLED,
                        "罚款未缴清")), now, null);
            default:
                return new PublicityEnded(app.enterprise(), app.penalty(), PublicityEndCause.REPAIRED, LocalDate.now(),
                        List.of(PublicityChannel.CREDIT_CHINA, PublicityChannel.NATIONAL_ENTERPRISE_CREDIT_PUBLICITY));
        }
    }
}
