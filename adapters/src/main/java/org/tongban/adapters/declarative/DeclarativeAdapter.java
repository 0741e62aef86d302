package org.tongban.adapters.declarative;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
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
import org.tongban.adapters.feed.ChangePage;
import org.tongban.adapters.feed.ChangePoller;
import org.tongban.adapters.feed.FeedStatus;
import org.tongban.adapters.feed.PollBackoff;
import org.tongban.adapters.http.OAuth2TokenSource;
import org.tongban.adapters.spi.AdapterContext;
import org.tongban.adapters.spi.AdapterHealth;
import org.tongban.adapters.spi.LegRef;
import org.tongban.adapters.spi.PenaltyPage;
import org.tongban.adapters.spi.PlatformAdapter;
import org.tongban.adapters.spi.PlatformEventSink;
import org.tongban.adapters.spi.PlatformReceipt;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.message.MaterialsSupplement;
import org.tongban.contracts.message.Payload;
import org.tongban.contracts.message.RepairApplication;
import org.tongban.contracts.message.Withdrawal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@code declarative} dialect (DIALECTS.md, section d): a platform described by a mapping
 * file. Requests are written from contract fields by the mapping's body templates, answers
 * judged by its success conditions, and decisions read from its change feed with the same
 * polling engine as the {@code polling} dialect (cursor saved after the page is stored, backoff).
 */
final class DeclarativeAdapter implements PlatformAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(DeclarativeAdapter.class);
    static final String CHANGES_FEED = "changes";

    private final MemberId member;
    private final DeclarativeSettings settings;
    private final Mapping mapping;
    private final WebClient client;
    private final OAuth2TokenSource tokens;
    private final AppliedLegs applied;
    private final ChangePoller poller;
    private final Clock clock;
    private final String baseUrl;

    DeclarativeAdapter(AdapterContext context, DeclarativeSettings settings, Clock clock) {
        this.member = context.member();
        this.settings = settings;
        this.mapping = settings.mapping();
        this.clock = clock;
        this.baseUrl = settings.baseUrl().toString();
        this.client = settings.http().createClient(context.vertx());
        this.tokens = mapping.auth().type() != AuthSpec.Type.OAUTH2_CLIENT_CREDENTIALS ? null
                : new OAuth2TokenSource(client, new OAuth2TokenSource.Credentials(
                        URI.create(mapping.auth().tokenUrl().expand(baseUrl, Map.of())), settings.clientId(),
                        settings.clientSecret(), settings.scope()), settings.http().requestTimeoutMillis(), clock);
        this.applied = new AppliedLegs(context.cursors());
        this.poller = new ChangePoller(context.vertx(), member, CHANGES_FEED, this::readChanges,
                new EventTranslator(member, applied), context.cursors(), settings.pollEvery(),
                new PollBackoff(settings.pollEvery(), settings.maxBackoff(), new SecureRandom()), clock);
    }

    @Override
    public Future<Void> start(PlatformEventSink sink) {
        LOG.info("member {} reaches its platform by mapping {} ({})", member, mapping.name(), mapping.source());
        return poller.start(sink);
    }

    @Override
    public Future<Void> stop() {
        return poller.stop().onComplete(ar -> client.close());
    }

    @Override
    public Future<PlatformReceipt> submitApplication(LegRef leg, RepairApplication application) {
        return applied.remember(leg, application)
                .compose(v -> submit(Endpoint.Name.APPLY, leg, application));
    }

    @Override
    public Future<PlatformReceipt> submitMaterials(LegRef leg, MaterialsSupplement supplement) {
        return submit(Endpoint.Name.SUPPLEMENT, leg, supplement);
    }

    @Override
    public Future<PlatformReceipt> submitWithdrawal(LegRef leg, Withdrawal withdrawal) {
        return submit(Endpoint.Name.WITHDRAW, leg, withdrawal);
    }

    private Future<PlatformReceipt> submit(Endpoint.Name name, LegRef leg, Payload payload) {
        Endpoint endpoint = mapping.endpoint(name);
        JsonObject body;
        Map<String, String> vars = new HashMap<>();
        try {
            vars.put("legId", leg.legId().toString());
            vars.put("platformReference", leg.platformReference());
            BodyTemplate template = mapping.requests().get(name);
            body = template == null ? new JsonObject() : template.render(document(leg, payload));
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        String call = endpoint.method() + " " + name.key();
        return call(endpoint, vars, body).map(r -> {
            JsonObject answer = endpoint.answer().judge(r, call, clock);
            JsonPath refPath = mapping.references().get(name);
            Object ref = refPath == null ? null : refPath.read(answer);
            if (ref == null && name == Endpoint.Name.APPLY) {
                throw new UnreadableResponseException(r.statusCode(), call + " succeeded without the application number at "
                        + refPath);
            }
            String reference = ref != null ? String.valueOf(ref)
                    : leg.platformReference() != null ? leg.platformReference() : leg.legId().toString();
            return new PlatformReceipt(reference, clock.instant());
        });
    }

    /** The contract fields a body template reads: the message's JSON, and the leg under {@code leg}. */
    private static JsonObject document(LegRef leg, Payload payload) {
        JsonObject doc = new JsonObject(payload.toJson().toString());
        JsonObject l = new JsonObject().put("legId", leg.legId().toString()).put("caseId", leg.caseId().toString())
                .put("homeMember", leg.homeMember().value()).put("penalizingMember", leg.penalizingMember().value());
        if (leg.platformReference() != null) {
            l.put("platformReference", leg.platformReference());
        }
        return doc.put("leg", l);
    }

    @Override
    public Future<PenaltyPage> readPenalties(String cursor, int limit) {
        if (mapping.penalties() == null) {
            return PlatformAdapter.super.readPenalties(cursor, limit);
        }
        Endpoint endpoint = mapping.endpoint(Endpoint.Name.PENALTIES);
        String call = endpoint.method() + " penalties";
        return call(endpoint, feedVars(cursor, limit), null).map(r -> {
            JsonObject body = endpoint.answer().judge(r, call, clock);
            PenaltyMapping.Page page;
            try {
                page = mapping.penalties().page(body, cursor, limit, member);
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
        FeedStatus feed = poller.status();
        AdapterHealth byFeed = feed.failing()
                ? AdapterHealth.unhealthy("the change feed failed " + feed.consecutiveFailures() + " poll(s) in a row: "
                + feed.lastFailure().key() + " (" + feed.lastFailure().detail() + ")")
                : AdapterHealth.healthy();
        return mapping.optionalEndpoint(Endpoint.Name.HEALTH).map(endpoint -> call(endpoint, Map.of(), null).map(r -> {
            endpoint.answer().judge(r, endpoint.method() + " health", clock);
            return byFeed;
        }).otherwise(e -> AdapterHealth.unhealthy("health: " + FailureClassifier.classify(e).detail())))
                .orElse(Future.succeededFuture(byFeed));
    }

    /** How the change feed is doing. */
    FeedStatus feedStatus() {
        return poller.status();
    }

    private Future<ChangePage> readChanges(String cursor) {
        Endpoint endpoint = mapping.endpoint(Endpoint.Name.CHANGES);
        String call = endpoint.method() + " changes";
        return call(endpoint, feedVars(cursor, settings.pageSize()), null).map(r -> {
            JsonObject body = endpoint.answer().judge(r, call, clock);
            try {
                return mapping.changes().page(body, cursor, settings.pageSize(), mapping.zone());
            } catch (ContractException e) {
                throw new UnreadableResponseException(r.statusCode(), call + ": " + e.getMessage(), e);
            }
        });
    }

    private static Map<String, String> feedVars(String cursor, int limit) {
        Map<String, String> vars = new HashMap<>();
        vars.put("cursor", cursor);
        vars.put("limit", Integer.toString(limit));
        return vars;
    }

    /** Sends one call with the mapping's authentication; with OAuth2 a 401 renews the token once. */
    private Future<HttpResponse<Buffer>> call(Endpoint endpoint, Map<String, String> vars, JsonObject body) {
        String url;
        try {
            url = endpoint.url().expand(baseUrl, vars);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        Function<String, Future<HttpResponse<Buffer>>> attempt = token -> {
            HttpRequest<Buffer> req = client.requestAbs(endpoint.method(), url)
                    .timeout(settings.http().requestTimeoutMillis())
                    .putHeader("Accept", "application/json");
            authenticate(req, token);
            return body == null ? req.send() : req.sendJsonObject(body);
        };
        return tokens == null ? attempt.apply(null) : tokens.send(attempt);
    }

    private void authenticate(HttpRequest<Buffer> req, String token) {
        AuthSpec auth = mapping.auth();
        switch (auth.type()) {
            case API_KEY:
                req.putHeader(auth.header(), auth.prefix() + settings.apiKey().reveal());
                break;
            case BASIC:
                req.putHeader("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (settings.username() + ":" + settings.password().reveal()).getBytes(StandardCharsets.UTF_8)));
                break;
            case OAUTH2_CLIENT_CREDENTIALS:
                req.putHeader("Authorization", "Bearer " + token);
                break;
            default:
                break;
        }
    }

    @Override
    public String toString() {
        return "DeclarativeAdapter[" + member + " by " + mapping.name() + " at " + baseUrl + "]";
    }
}
