package org.tongban.adapters.polling;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.adapters.events.AppliedLegs;
import org.tongban.adapters.events.EventTranslator;
import org.tongban.adapters.failure.FailureClassifier;
import org.tongban.adapters.failure.UnreadableResponseException;
import org.tongban.adapters.http.PathSegment;
import org.tongban.adapters.feed.ChangePage;
import org.tongban.adapters.feed.ChangePoller;
import org.tongban.adapters.feed.FeedStatus;
import org.tongban.adapters.feed.PollBackoff;
import org.tongban.adapters.spi.AdapterContext;
import org.tongban.adapters.spi.AdapterHealth;
import org.tongban.adapters.spi.LegRef;
import org.tongban.adapters.spi.PenaltyPage;
import org.tongban.adapters.spi.PlatformAdapter;
import org.tongban.adapters.spi.PlatformEventSink;
import org.tongban.adapters.spi.PlatformReceipt;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.message.MaterialsSupplement;
import org.tongban.contracts.message.RepairApplication;
import org.tongban.contracts.message.Withdrawal;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * The {@code polling} dialect (DIALECTS.md, section c): applications are {@code PUT} under the
 * leg id (idempotent by construction), decisions come from a change feed the adapter polls with
 * a cursor kept in the gateway's store, penalties from a second feed the gateway reads through
 * {@link #readPenalties}. Every call carries {@code X-Api-Key}.
 */
public final class PollingAdapter implements PlatformAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(PollingAdapter.class);
    /** The name the change feed's cursor is saved under. */
    public static final String CHANGES_FEED = "changes";

    private final MemberId member;
    private final PollingSettings settings;
    private final WebClient client;
    private final AppliedLegs applied;
    private final ChangePoller poller;
    private final Clock clock;
    private final String base;

    public PollingAdapter(AdapterContext context, PollingSettings settings, Clock clock) {
        this.member = context.member();
        this.settings = settings;
        this.clock = clock;
        this.client = settings.http().createClient(context.vertx());
        this.applied = new AppliedLegs(context.cursors());
        String b = settings.baseUrl().toString();
        this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
        this.poller = new ChangePoller(context.vertx(), member, CHANGES_FEED, this::readChanges,
                new EventTranslator(member, applied), context.cursors(), settings.pollEvery(),
                new PollBackoff(settings.pollEvery(), settings.maxBackoff(), new SecureRandom()), clock);
    }

    @Override
    public Future<Void> start(PlatformEventSink sink) {
        return poller.start(sink);
    }

    @Override
    public Future<Void> stop() {
        return poller.stop().onComplete(ar -> client.close());
    }

    @Override
    public Future<PlatformReceipt> submitApplication(LegRef leg, RepairApplication application) {
        String path = "/v2/applications/" + encode(leg.legId().toString());
        // remembered first: a "publicity ended" change can only come for an application the platform has
        return applied.remember(leg, application)
                .compose(v -> send(HttpMethod.PUT, path, PollingJson.application(leg, application)))
                .map(r -> receipt(r, "PUT " + path, 200, 201));
    }

    @Override
    public Future<PlatformReceipt> submitMaterials(LegRef leg, MaterialsSupplement supplement) {
        return withReference(leg).compose(id -> {
            String path = "/v2/applications/" + encode(id) + "/materials";
            return send(HttpMethod.POST, path, PollingJson.supplement(supplement)).map(r -> receipt(r, "POST " + path, 200));
        });
    }

    @Override
    public Future<PlatformReceipt> submitWithdrawal(LegRef leg, Withdrawal withdrawal) {
        return withReference(leg).compose(id -> {
            String path = "/v2/applications/" + encode(id) + "/withdrawal";
            return send(HttpMethod.POST, path, PollingJson.withdrawal(withdrawal)).map(r -> receipt(r, "POST " + path, 200));
        });
    }

    @Override
    public Future<PenaltyPage> readPenalties(String cursor, int limit) {
        String call = "GET /v2/penalties";
        return get("/v2/penalties", cursor, limit).map(r -> {
            if (r.statusCode() != 200) {
                throw PlatformAnswers.failure(r, call, clock);
            }
            PollingJson.Penalties page;
            try {
                page = PollingJson.penalties(PlatformAnswers.json(r, call), member);
            } catch (ContractException e) {
                throw new UnreadableResponseException(r.statusCode(), call + ": " + e.getMessage(), e);
            }
            for (ContractException bad : page.unreadable()) {
                LOG.error("the penalty feed of {} holds a decision that cannot be shared; passed over: {}", member,
                        bad.getMessage());
            }
            return new PenaltyPage(page.notices(), page.cursor(), page.more());
        });
    }

    @Override
    public Future<AdapterHealth> health() {
        return request(HttpMethod.GET, "/v2/ping").send().map(r -> {
            if (r.statusCode() != 200) {
                return AdapterHealth.unhealthy("GET /v2/ping answered HTTP " + r.statusCode());
            }
            FeedStatus feed = poller.status();
            if (feed.failing()) {
                return AdapterHealth.unhealthy("the change feed failed " + feed.consecutiveFailures()
                        + " poll(s) in a row: " + feed.lastFailure().key() + " (" + feed.lastFailure().detail() + ")");
            }
            return AdapterHealth.healthy();
        }).otherwise(e -> AdapterHealth.unhealthy("GET /v2/ping failed: " + FailureClassifier.classify(e).detail()));
    }

    /** How the change feed is doing. */
    public FeedStatus feedStatus() {
        return poller.status();
    }

    private Future<ChangePage> readChanges(String cursor) {
        String call = "GET /v2/changes";
        return get("/v2/changes", cursor, settings.pageSize()).map(r -> {
            if (r.statusCode() != 200) {
                throw PlatformAnswers.failure(r, call, clock);
            }
            try {
                return PollingJson.changes(PlatformAnswers.json(r, call));
            } catch (ContractException e) {
                throw new UnreadableResponseException(r.statusCode(), call + ": " + e.getMessage(), e);
            }
        });
    }

    private Future<HttpResponse<Buffer>> get(String path, String cursor, int limit) {
        HttpRequest<Buffer> req = request(HttpMethod.GET, path).addQueryParam("limit", Integer.toString(limit));
        if (cursor != null && !cursor.isEmpty()) {
            req.addQueryParam("after", cursor);
        }
        return req.send();
    }

    private Future<HttpResponse<Buffer>> send(HttpMethod method, String path, JsonObject body) {
        return request(method, path).sendJsonObject(body);
    }

    private HttpRequest<Buffer> request(HttpMethod method, String path) {
        return client.requestAbs(method, base + path)
                .timeout(settings.http().requestTimeoutMillis())
                .putHeader("X-Api-Key", settings.apiKey().reveal())
                .putHeader("Accept", "application/json");
    }

    private PlatformReceipt receipt(HttpResponse<Buffer> r, String call, int... success) {
        boolean ok = false;
        for (int s : success) {
            ok |= r.statusCode() == s;
        }
        if (!ok) {
            throw PlatformAnswers.failure(r, call, clock);
        }
        Object id = PlatformAnswers.json(r, call).getValue("id");
        if (!(id instanceof String) || ((String) id).isBlank()) {
            throw new UnreadableResponseException(r.statusCode(), call + " answered HTTP " + r.statusCode()
                    + " without the application's id");
        }
        return new PlatformReceipt((String) id, clock.instant());
    }

    private static Future<String> withReference(LegRef leg) {
        if (leg.platformReference() == null || leg.platformReference().isBlank()) {
            return Future.failedFuture(new ContractException(ErrorCode.FIELD_REQUIRED, "/platformReference",
                    "leg " + leg.legId() + " has no platform application id yet; the application must be taken first"));
        }
        return Future.succeededFuture(leg.platformReference());
    }

    private static String encode(String segment) {
        return PathSegment.encode(segment);
    }

    @Override
    public String toString() {
        return "PollingAdapter[" + member + " at " + base + "]";
    }
}
