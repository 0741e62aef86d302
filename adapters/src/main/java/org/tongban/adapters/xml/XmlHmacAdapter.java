package org.tongban.adapters.xml;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.tongban.adapters.events.AppliedLegs;
import org.tongban.adapters.events.EventTranslator;
import org.tongban.adapters.failure.Failure;
import org.tongban.adapters.failure.FailureClassifier;
import org.tongban.adapters.failure.UnreadableResponseException;
import org.tongban.adapters.http.CallbackEndpoint;
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

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * A city platform speaking dialect {@code xml-hmac}: signed XML requests whose outcome is a
 * status code in the body, events pushed (signed the same way) to this adapter's receiver.
 * A request whose signature or timestamp is refused is signed afresh and sent once more.
 * The platform deduplicates applications by external id (the leg id): a repeat answers
 * {@code 1002} with the existing application number.
 */
public final class XmlHmacAdapter implements PlatformAdapter {
    static final String APPLY = "/xyxf/apply";
    static final String SUPPLEMENT = "/xyxf/supplement";
    static final String WITHDRAW = "/xyxf/withdraw";
    static final String PENALTIES = "/xyxf/penalties";
    static final String PING = "/xyxf/ping";

    private final Vertx vertx;
    private final MemberId member;
    private final XmlHmacSettings settings;
    private final WebClient client;
    private final HmacSm3Signer signer;
    private final AppliedLegs legs;
    private final EventTranslator translator;
    private final Clock clock;
    private final CallbackEndpoint callbacks;

    public XmlHmacAdapter(AdapterContext context, XmlHmacSettings settings, Clock clock, SecureRandom random) {
        this.vertx = context.vertx();
        this.member = context.member();
        this.callbacks = new CallbackEndpoint(vertx, settings.callback(), member);
        this.settings = settings;
        this.clock = clock;
        this.client = settings.http().createClient(vertx);
        this.signer = new HmacSm3Signer(settings.appKey(), settings.appSecret(), clock, random);
        this.legs = new AppliedLegs(context.cursors());
        this.translator = new EventTranslator(member, legs);
    }

    @Override
    public Future<Void> start(PlatformEventSink sink) {
        return callbacks.start(new XmlCallbacks(signer, settings.charset(), translator, sink, clock));
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
        return encoded(() -> XmlMessages.apply(settings.charset(), leg, application, callbackUrl()))
                .compose(body -> legs.remember(leg, application)
                        .compose(v -> receipt(APPLY, body, "application of leg " + leg.legId())));
    }

    @Override
    public Future<PlatformReceipt> submitMaterials(LegRef leg, MaterialsSupplement supplement) {
        if (leg.platformReference() == null) {
            return notNumbered(leg, "materials");
        }
        return encoded(() -> XmlMessages.supplement(settings.charset(), leg, supplement))
                .compose(body -> receipt(SUPPLEMENT, body, "materials of leg " + leg.legId()));
    }

    @Override
    public Future<PlatformReceipt> submitWithdrawal(LegRef leg, Withdrawal withdrawal) {
        if (leg.platformReference() == null) {
            return notNumbered(leg, "withdrawal");
        }
        return encoded(() -> XmlMessages.withdraw(settings.charset(), leg, withdrawal))
                .compose(body -> receipt(WITHDRAW, body, "withdrawal of leg " + leg.legId()));
    }

    /** The document, or a failed future when the contract values cannot be written (a control character). */
    private static Future<byte[]> encoded(Supplier<byte[]> document) {
        try {
            return Future.succeededFuture(document.get());
        } catch (IllegalStateException | IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
    }

    private static Future<PlatformReceipt> notNumbered(LegRef leg, String what) {
        return Future.failedFuture(new IllegalArgumentException("leg " + leg.legId()
                + " has no platform application number yet; its " + what + " cannot be sent"));
    }

    @Override
    public Future<PenaltyPage> readPenalties(String cursor, int limit) {
        if (limit < 1) {
            return Future.failedFuture(new IllegalArgumentException("limit must be at least 1, got " + limit));
        }
        return encoded(() -> XmlMessages.penalties(settings.charset(), cursor, limit))
                .compose(body -> exchange(PENALTIES, body, "penalties"))
                .map(d -> XmlMessages.penaltyPage(d, member));
    }

    @Override
    public Future<AdapterHealth> health() {
        return exchange(PING, XmlMessages.ping(settings.charset()), "ping")
                .map(d -> AdapterHealth.healthy())
                .recover(e -> {
                    Failure f = FailureClassifier.classify(e);
                    return Future.succeededFuture(AdapterHealth.unhealthy(f.key() + ": " + f.detail()));
                });
    }

    private Future<PlatformReceipt> receipt(String service, byte[] body, String call) {
        return exchange(service, body, call).map(d -> {
            String number = d.text("ApplicationNo");
            if (number == null) {
                throw new UnreadableResponseException(200, call + ": success without an <ApplicationNo>");
            }
            return new PlatformReceipt(number, clock.instant());
        });
    }

    /** Sends, re-signs once when the signature or timestamp is refused, and reads the outcome. */
    private Future<XmlDocument> exchange(String service, byte[] body, String call) {
        return send(service, body)
                .map(r -> XmlAnswer.read(r, settings.charset(), call, clock))
                .compose(first -> first.signatureRefused()
                        ? send(service, body).map(r -> XmlAnswer.read(r, settings.charset(), call, clock))
                        : Future.succeededFuture(first))
                .map(answer -> answer.orThrow(call));
    }

    private Future<HttpResponse<Buffer>> send(String service, byte[] body) {
        String url = PathSegment.join(settings.baseUrl(), service);
        HmacSm3Signer.SignedHeaders h = signer.sign(URI.create(url).getRawPath(), body);
        return client.postAbs(url)
                .timeout(settings.http().requestTimeoutMillis())
                .putHeader("Content-Type", settings.charset().contentType())
                .putHeader(HmacSm3Signer.APP_KEY, h.appKey())
                .putHeader(HmacSm3Signer.TIMESTAMP, h.timestamp())
                .putHeader(HmacSm3Signer.NONCE, h.nonce())
                .putHeader(HmacSm3Signer.SIGNATURE, h.signature())
                .sendBuffer(Buffer.buffer(body));
    }
}
