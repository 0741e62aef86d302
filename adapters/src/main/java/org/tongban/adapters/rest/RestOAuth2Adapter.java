package org.tongban.adapters.rest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.tongban.adapters.events.AppliedLegs;
import org.tongban.adapters.events.EventTranslator;
import org.tongban.adapters.failure.Failure;
import org.tongban.adapters.failure.FailureClassifier;
import org.tongban.adapters.http.CallbackEndpoint;
import org.tongban.adapters.http.OAuth2TokenSource;
import org.tongban.adapters.http.PathSegment;
import org.tongban.adapters.spi.AdapterContext;
import org.tongban.adapters.spi.AdapterHealth;
import org.tongban.adapters.spi.LegRef;
import org.tongban.adapters.spi.PenaltyPage;
import org.tongban.adapters.spi.PlatformAdapter;
import org.tongban.adapters.spi.PlatformEventSink;
import org.tongban.adapters.spi.PlatformReceipt;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.message.MaterialsSupplement;
import org.tongban.contracts.message.RepairApplication;
import org.tongban.contracts.message.Withdrawal;

import java.time.Clock;
import java.util.Set;

/**
 * A city platform speaking dialect {@code rest-oauth2}: JSON calls with a bearer token from
 * the platform's OAuth2 endpoint, events pushed to this adapter's callback receiver.
 * Applications carry the leg id as {@code Idempotency-Key}, so the outbox may repeat them.
 */
public final class RestOAuth2Adapter implements PlatformAdapter {
    private static final Set<Integer> CREATED_OR_REPLAYED = Set.of(200, 201);
    private static final Set<Integer> OK = Set.of(200);

    private final Vertx vertx;
    private final MemberId member;
    private final RestOAuth2Settings settings;
    private final WebClient client;
    private final OAuth2TokenSource tokens;
    private final AppliedLegs legs;
    private final EventTranslator translator;
    private final Clock clock;
    private final CallbackEndpoint callbacks;

    public RestOAuth2Adapter(AdapterContext context, RestOAuth2Settings settings, Clock clock) {
        this.vertx = context.vertx();
        this.member = context.member();
        this.callbacks = new CallbackEndpoint(vertx, settings.callback(), member);
        this.settings = settings;
        this.clock = clock;
        this.client = settings.http().createClient(vertx);
        this.tokens = new OAuth2TokenSource(client, settings.credentials(), settings.http().requestTimeoutMillis(), clock);
        this.legs = new AppliedLegs(context.cursors());
        this.translator = new EventTranslator(member, legs);
    }

    @Override
    public Future<Void> start(PlatformEventSink sink) {
        return callbacks.start(new RestCallbacks(settings.callbackToken(), translator, sink));
    }

    @Override
    public Future<Void> stop() {
        return callbacks.stop().eventually(() -> {
            client.close();
            return Future.succeededFuture();
        });
    }

    /** The callback URL given to the platform: the public URL, or the receiver's bound address. */
    public String callbackUrl() {
        return callbacks.url();
    }

    @Override
    public Future<PlatformReceipt> submitApplication(LegRef leg, RepairApplication application) {
        Buffer body;
        try {
            body = RestJson.application(leg, application, callbackUrl()).toBuffer();
        } catch (IllegalStateException e) {
            return Future.failedFuture(e);
        }
        String call = "application of leg " + leg.legId();
        return legs.remember(leg, application)
                .compose(v -> tokens.send(token -> post("/api/v1/repair-applications", token)
                        .putHeader("Idempotency-Key", leg.legId().toString()).sendBuffer(body)))
                .map(r -> RestAnswers.receipt(RestAnswers.expect(r, CREATED_OR_REPLAYED, call, clock), r.statusCode(),
                        call, clock));
    }

    @Override
    public Future<PlatformReceipt> submitMaterials(LegRef leg, MaterialsSupplement supplement) {
        return follow(leg, "materials", RestJson.supplement(leg, supplement));
    }

    @Override
    public Future<PlatformReceipt> submitWithdrawal(LegRef leg, Withdrawal withdrawal) {
        return follow(leg, "withdrawal", RestJson.withdrawal(leg, withdrawal));
    }

    private Future<PlatformReceipt> follow(LegRef leg, String what, JsonObject json) {
        if (leg.platformReference() == null) {
            return Future.failedFuture(new IllegalArgumentException("leg " + leg.legId()
                    + " has no platform application number yet; its " + what + " cannot be sent"));
        }
        String call = what + " of leg " + leg.legId();
        Buffer body = json.toBuffer();
        String path = "/api/v1/repair-applications/" + PathSegment.encode(leg.platformReference()) + "/" + what;
        return tokens.send(token -> post(path, token).sendBuffer(body))
                .map(r -> RestAnswers.receipt(RestAnswers.expect(r, OK, call, clock), r.statusCode(), call, clock));
    }

    @Override
    public Future<PenaltyPage> readPenalties(String cursor, int limit) {
        if (limit < 1) {
            return Future.failedFuture(new IllegalArgumentException("limit must be at least 1, got " + limit));
        }
        return tokens.send(token -> {
            HttpRequest<Buffer> req = get("/api/v1/penalties", token).addQueryParam("limit", String.valueOf(limit));
            if (cursor != null) {
                req.addQueryParam("since", cursor);
            }
            return req.send();
        }).map(r -> RestAnswers.penalties(RestAnswers.expect(r, OK, "penalties", clock), r.statusCode(), member));
    }

    @Override
    public Future<AdapterHealth> health() {
        return tokens.send(token -> get("/api/v1/health", token).send())
                .map(r -> {
                    JsonObject body = RestAnswers.expect(r, OK, "health", clock);
                    return "UP".equals(body.getValue("status")) ? AdapterHealth.healthy()
                            : AdapterHealth.unhealthy("platform reports status " + body.getValue("status"));
                })
                .recover(e -> {
                    Failure f = FailureClassifier.classify(e);
                    return Future.succeededFuture(AdapterHealth.unhealthy(f.key() + ": " + f.detail()));
                });
    }

    private HttpRequest<Buffer> post(String path, String token) {
        return request(client.postAbs(PathSegment.join(settings.baseUrl(), path)), token)
                .putHeader("Content-Type", "application/json; charset=utf-8");
    }

    private HttpRequest<Buffer> get(String path, String token) {
        return request(client.getAbs(PathSegment.join(settings.baseUrl(), path)), token);
    }

    private HttpRequest<Buffer> request(HttpRequest<Buffer> req, String token) {
        return req.timeout(settings.http().requestTimeoutMillis())
                .putHeader("Authorization", "Bearer " + token)
                .putHeader("Accept", "application/json");
    }

    /** For tests: the token source, to observe its fetches. */
    OAuth2TokenSource tokens() {
        return tokens;
    }
}
