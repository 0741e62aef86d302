package org.tongban.adapters.xml;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.tongban.adapters.spi.AdapterContext;
import org.tongban.adapters.testing.Await;
import org.tongban.adapters.testing.Fixtures;
import org.tongban.adapters.testing.MemoryCursorStore;
import org.tongban.adapters.testing.RecordingSink;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WireMock platform on a free port, under a path prefix ({@code /gw}), and a started
 * {@code xml-hmac} adapter for member 330100 speaking GBK.
 */
abstract class XmlPlatformFixture {
    static final String APP_KEY = "hz-xyxf";
    static final String APP_SECRET = "app-5ecret";
    static final Charset GBK = Charset.forName("GBK");
    static Vertx vertx;
    WireMockServer platform;
    XmlHmacAdapter adapter;
    MemoryCursorStore store;
    RecordingSink sink;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void closeVertx() {
        Await.result(vertx.close());
    }

    @BeforeEach
    void startPlatformAndAdapter() {
        platform = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        platform.start();
        store = new MemoryCursorStore();
        sink = new RecordingSink();
        adapter = (XmlHmacAdapter) new XmlHmacAdapterFactory().create(new AdapterContext(vertx, Fixtures.PENALIZING,
                settings(), store, Path.of("")));
        Await.result(adapter.start(sink));
    }

    JsonObject settings() {
        return new JsonObject()
                .put("baseUrl", platform.baseUrl() + "/gw")
                .put("appKey", APP_KEY)
                .put("appSecret", APP_SECRET)
                .put("charset", charsetSetting())
                .put("http", new JsonObject().put("requestTimeout", "2s"));
    }

    String charsetSetting() {
        return "GBK";
    }

    Charset charset() {
        return GBK;
    }

    @AfterEach
    void stopPlatformAndAdapter() {
        Await.result(adapter.stop());
        platform.stop();
    }

    /** A 200 answer with {@code inner} inside {@code <Response>}, in the fixture's charset. */
    ResponseDefinitionBuilder answer(String inner) {
        String label = charset().name().equals("GBK") ? "GBK" : "UTF-8";
        return aResponse().withStatus(200).withHeader("Content-Type", "application/xml; charset=" + label)
                .withBody(("<?xml version=\"1.0\" encoding=\"" + label + "\"?><Response>" + inner + "</Response>")
                        .getBytes(charset()));
    }

    ResponseDefinitionBuilder code(String code) {
        return answer("<Code>" + code + "</Code><Message>m</Message><ApplicationNo>HZ-1</ApplicationNo>");
    }

    List<LoggedRequest> requests(String service) {
        return platform.findAll(postRequestedFor(urlEqualTo("/gw" + service)));
    }

    /** Asserts the request carries a valid signature of its path and exact body bytes. */
    static void assertSigned(LoggedRequest r) {
        String ts = r.getHeader("X-Timestamp");
        String nonce = r.getHeader("X-Nonce");
        assertThat(r.getHeader("X-App-Key")).isEqualTo(APP_KEY);
        assertThat(nonce).matches("[0-9a-f]{32}");
        assertThat(Long.parseLong(ts)).isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(60_000L));
        assertThat(r.getHeader("X-Signature")).isEqualTo(Sm3Reference.signature(APP_SECRET,
                java.net.URI.create(r.getUrl()).getRawPath(), APP_KEY, ts, nonce, r.getBody()));
    }
}
