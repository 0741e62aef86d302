package org.tongban.gateway.demo;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tongban.adapters.simulator.Dialect;
import org.tongban.adapters.simulator.PlatformSimulator;
import org.tongban.adapters.simulator.SimulatorOptions;
import org.tongban.adapters.simulator.policy.DecisionPolicy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * Which dialect each demo city's credit platform speaks, how its simulator is set up, and the
 * adapter settings that reach it. All four dialects are mixed; 金华市 is onboarded through the
 * {@code declarative} adapter alone, with the shipped mapping {@code declarative/jinhua.yaml}.
 */
final class DemoPlatforms {
    /** A city's platform: its dialect and, for xml-hmac, the charset it speaks. */
    record Platform(Dialect dialect, Charset charset) {
        String adapterType() {
            return dialect == Dialect.FORM_JSON ? "declarative" : dialect.id();
        }
    }

    /** What a member's adapter is configured with: type, settings, and credentials kept in files. */
    record Adapter(String type, ObjectNode settings, Map<String, String> secrets) {
    }

    static final String JINHUA_MAPPING = "org/tongban/adapters/declarative/jinhua.yaml";
    /** Decisions come quickly enough to watch, slowly enough to read. */
    static final DecisionPolicy STANDARD = DecisionPolicy.parse("ACCEPT@400ms,REPAIR@700ms,END_PUBLICITY@500ms");
    static final DecisionPolicy WITH_MATERIALS = DecisionPolicy.parse(
            "ACCEPT@400ms,ASK_MATERIALS@600ms,REPAIR@700ms,END_PUBLICITY@500ms");

    private static final Charset GBK = Charset.forName("GBK");
    private static final Map<String, Platform> BY_CITY = new LinkedHashMap<>();

    static {
        BY_CITY.put("230100", new Platform(Dialect.REST_OAUTH2, null));
        BY_CITY.put("120000", new Platform(Dialect.XML_HMAC, GBK));
        BY_CITY.put("130100", new Platform(Dialect.POLLING, null));
        BY_CITY.put("330100", new Platform(Dialect.POLLING, null));
        BY_CITY.put("331000", new Platform(Dialect.XML_HMAC, StandardCharsets.UTF_8));
        BY_CITY.put("330700", new Platform(Dialect.FORM_JSON, null));
        BY_CITY.put("530100", new Platform(Dialect.REST_OAUTH2, null));
        BY_CITY.put("450100", new Platform(Dialect.XML_HMAC, GBK));
        BY_CITY.put("460100", new Platform(Dialect.POLLING, null));
        BY_CITY.put("421200", new Platform(Dialect.REST_OAUTH2, null));
        BY_CITY.put("440100", new Platform(Dialect.POLLING, null));
    }

    private DemoPlatforms() {
    }

    static Platform of(String member) {
        Platform p = BY_CITY.get(member);
        if (p == null) {
            throw new IllegalStateException("the demo has no platform for member " + member);
        }
        return p;
    }

    /** The simulator of a city: its dialect, development credentials and the demo's pace. */
    static SimulatorOptions.Builder simulator(DemoCity city) {
        return simulator(city.id(), of(city.id()));
    }

    /** The simulator of a member's platform of the given dialect. */
    static SimulatorOptions.Builder simulator(String member, Platform p) {
        SimulatorOptions.Builder b = SimulatorOptions.builder(p.dialect(), member).port(0).policy(STANDARD);
        if (p.charset() != null) {
            b.charset(p.charset());
        }
        return b;
    }

    /**
     * The adapter settings that reach a running simulator. A pushing platform is told a callback
     * port fixed here, so that events of applications made before a restart of the node still
     * find it afterwards.
     *
     * @param mapping for {@code form-json}: the declarative mapping ({@code null}: the shipped Jinhua mapping)
     */
    static Adapter adapter(PlatformSimulator s, String mapping, IntSupplier callbackPorts) {
        SimulatorOptions o = s.options();
        ObjectNode settings = JsonNodeFactory.instance.objectNode();
        Map<String, String> secrets = new LinkedHashMap<>();
        switch (o.dialect()) {
            case REST_OAUTH2:
                settings.put("baseUrl", s.baseUrl()).put("tokenUrl", s.tokenUrl()).put("clientId", o.clientId());
                settings.putObject("callback").put("host", "127.0.0.1").put("port", callbackPorts.getAsInt());
                secrets.put("clientSecret", o.clientSecret());
                secrets.put("callback.token", o.callbackToken());
                break;
            case XML_HMAC:
                settings.put("baseUrl", s.baseUrl()).put("appKey", o.appKey()).put("charset", o.charset().name());
                settings.putObject("callback").put("host", "127.0.0.1").put("port", callbackPorts.getAsInt());
                secrets.put("appSecret", o.appSecret());
                break;
            case POLLING:
                settings.put("baseUrl", s.baseUrl()).put("pollEvery", "300ms").put("maxBackoff", "5s");
                secrets.put("apiKey", o.apiKey());
                break;
            default:
                settings.put("mapping", mapping == null ? "classpath:" + JINHUA_MAPPING : mapping).put("baseUrl", s.baseUrl())
                        .put("pollEvery", "300ms").put("maxBackoff", "5s");
                secrets.put("apiKey", o.apiKey());
        }
        return new Adapter(new Platform(o.dialect(), null).adapterType(), settings, secrets);
    }
}
