package org.tongban.adapters.simulator.book;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.tongban.adapters.simulator.policy.DecisionPolicy;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Everything the simulated platform knows: applications with their events, the change feed
 * (every event in order), the penalty feed, and the delivery state of pushed events. One lock
 * guards it all; nothing here blocks.
 */
public final class PlatformBook {
    /** China Standard Time: every dialect's dates and times are in it. */
    public static final ZoneOffset CST = ZoneOffset.ofHours(8);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    private final String member;
    private final Clock clock;
    private final List<PenaltyEntry> seeded;
    private final SecureRandom random = new SecureRandom();
    private String runId;
    private long applicationSeq;
    private final Map<String, Application> byNumber = new LinkedHashMap<>();
    private final Map<String, Application> byExternalId = new LinkedHashMap<>();
    private final List<EventRecord> feed = new ArrayList<>();
    private final List<PenaltyEntry> penalties = new ArrayList<>();
    private final Map<String, PushState> pushes = new LinkedHashMap<>();

    /** A submission's outcome: the application, and whether it is new (not an idempotent repeat). */
    public record Submission(Application application, boolean created) {
    }

    /** How the push of one event went so far. */
    public record PushState(int attempts, boolean delivered, String lastError, OffsetDateTime deliveredAt) {
        JsonObject toJson() {
            JsonObject o = new JsonObject().put("attempts", attempts).put("delivered", delivered);
            if (lastError != null) {
                o.put("lastError", lastError);
            }
            if (deliveredAt != null) {
                o.put("deliveredAt", deliveredAt.toString());
            }
            return o;
        }
    }

    public PlatformBook(String member, Clock clock, List<PenaltyEntry> seeded) {
        this.member = member;
        this.clock = clock;
        this.seeded = List.copyOf(seeded);
        reset();
    }

    public String member() {
        return member;
    }

    public Clock clock() {
        return clock;
    }

    public OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), CST);
    }

    public LocalDate today() {
        return now().toLocalDate();
    }

    /** Identifies this run of the book in cursors and event ids; a reset starts a new run. */
    public synchronized String runId() {
        return runId;
    }

    /** Takes an application; a second one with the same external id is the first one again. */
    public synchronized Submission submit(NewApplication request, DecisionPolicy policy) {
        Application existing = byExternalId.get(request.externalId());
        if (existing != null) {
            return new Submission(existing, false);
        }
        OffsetDateTime now = now();
        String number = "XF" + member + now.format(DAY) + runId.substring(0, 4).toUpperCase(java.util.Locale.ROOT)
                + String.format("%05d", ++applicationSeq);
        Application app = new Application(number, request, now, policy);
        byNumber.put(number, app);
        byExternalId.put(request.externalId(), app);
        return new Submission(app, true);
    }

    public synchronized Optional<Application> byNumber(String applicationNo) {
        return Optional.ofNullable(byNumber.get(applicationNo));
    }

    public synchronized Optional<Application> byExternalId(String externalId) {
        return Optional.ofNullable(byExternalId.get(externalId));
    }

    public synchronized ApplicationStatus status(Application app) {
        return app.status();
    }

    /** Numbers, dates and files an event on the application, and moves it to the event's status. */
    public synchronized EventRecord record(Application app, EventDraft d) {
        long seq = feed.size() + 1L;
        NewApplication r = app.request();
        EventRecord e = new EventRecord("EV-" + member + "-" + runId + "-" + seq, seq, app.applicationNo(),
                r.externalId(), r.caseId(), r.homeMember(), d.type(), now(), d.reasonCode(), d.reasonText(),
                d.requested(), d.respondBy(), d.decisionNo(), d.endedOn(), d.channels());
        feed.add(e);
        app.events().add(e);
        app.status(d.type().result());
        return e;
    }

    /** Notes supplementary materials; a request for them is answered, the application is accepted again. */
    public synchronized void supplement(Application app, List<Material> materials, String note) {
        JsonObject h = new JsonObject().put("kind", "SUPPLEMENT").put("at", now().toString())
                .put("materials", new JsonArray(materials.stream().map(Material::toJson).toList()));
        if (note != null) {
            h.put("note", note);
        }
        app.history().add(h);
        if (app.status() == ApplicationStatus.MATERIALS_REQUESTED) {
            app.status(ApplicationStatus.ACCEPTED);
        }
    }

    public synchronized void withdraw(Application app, String reason, String note) {
        JsonObject h = new JsonObject().put("kind", "WITHDRAWAL").put("at", now().toString()).put("reason", reason);
        if (note != null) {
            h.put("note", note);
        }
        app.history().add(h);
        app.status(ApplicationStatus.WITHDRAWN);
        app.awaitingSupplement(false);
    }

    /** Adds a note to an application's history (a skipped policy step, a manual advance). */
    public synchronized void note(Application app, String kind, String text) {
        app.history().add(new JsonObject().put("kind", kind).put("at", now().toString()).put("text", text));
    }

    // ---- policy progress, kept here so that admin views and the runner agree ----

    public synchronized int nextStep(Application app) {
        return app.nextStep();
    }

    public synchronized void nextStep(Application app, int index) {
        app.nextStep(index);
    }

    public synchronized boolean awaitingSupplement(Application app) {
        return app.awaitingSupplement();
    }

    public synchronized void awaitingSupplement(Application app, boolean waiting) {
        app.awaitingSupplement(waiting);
    }

    public synchronized long timerId(Application app) {
        return app.timerId();
    }

    public synchronized void timerId(Application app, long id) {
        app.timerId(id);
    }

    public synchronized List<Application> applications() {
        return List.copyOf(byNumber.values());
    }

    // ---- feeds ----

    /** Events after position {@code after} of the change feed, at most {@code limit}. */
    public synchronized List<EventRecord> eventsAfter(long after, int limit) {
        int from = (int) Math.min(Math.max(after, 0), feed.size());
        return List.copyOf(feed.subList(from, Math.min(feed.size(), from + limit)));
    }

    public synchronized long lastEventSeq() {
        return feed.size();
    }

    public synchronized long publish(PenaltyEntry penalty) {
        penalties.add(penalty);
        return penalties.size();
    }

    public synchronized List<PenaltyEntry> penaltiesAfter(long after, int limit) {
        int from = (int) Math.min(Math.max(after, 0), penalties.size());
        return List.copyOf(penalties.subList(from, Math.min(penalties.size(), from + limit)));
    }

    public synchronized long penaltyCount() {
        return penalties.size();
    }

    // ---- pushes ----

    public synchronized void pushAttempt(EventRecord e, String error) {
        PushState p = pushes.getOrDefault(e.eventId(), new PushState(0, false, null, null));
        pushes.put(e.eventId(), error == null ? new PushState(p.attempts() + 1, true, p.lastError(), now())
                : new PushState(p.attempts() + 1, false, error, null));
    }

    // ---- admin ----

    public synchronized JsonArray applicationsJson(Predicate<Application> filter,
                                                   java.util.function.Function<EventRecord, JsonObject> eventJson) {
        JsonArray out = new JsonArray();
        for (Application a : byNumber.values()) {
            if (filter.test(a)) {
                out.add(a.toJson(e -> {
                    JsonObject o = eventJson.apply(e);
                    PushState p = pushes.get(e.eventId());
                    if (p != null) {
                        o.put("push", p.toJson());
                    }
                    return o;
                }));
            }
        }
        return out;
    }

    /** Forgets every application, event and published penalty (the seeded ones come back); a new run begins. */
    public synchronized void reset() {
        byNumber.clear();
        byExternalId.clear();
        feed.clear();
        pushes.clear();
        penalties.clear();
        penalties.addAll(seeded);
        applicationSeq = 0;
        byte[] b = new byte[4];
        random.nextBytes(b);
        runId = HexFormat.of().formatHex(b);
    }
}
