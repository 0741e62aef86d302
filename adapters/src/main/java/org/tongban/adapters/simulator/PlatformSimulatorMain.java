package org.tongban.adapters.simulator;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.tongban.adapters.simulator.book.PenaltyEntry;
import org.tongban.adapters.simulator.fault.Faults;
import org.tongban.adapters.simulator.policy.DecisionPolicy;
import org.tongban.adapters.simulator.policy.Durations;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs one simulated platform until stopped:
 * <pre>
 *   java org.tongban.adapters.simulator.PlatformSimulatorMain --dialect rest-oauth2 --member 330100 --port 0
 *       [--host 127.0.0.1] [--policy ACCEPT@300ms,REPAIR@1s,END_PUBLICITY@500ms]
 *       [--policy-for CREDITCODE=POLICY]... [--penalties penalties.json]
 *       [--client-id ID] [--client-secret S] [--callback-token T] [--token-ttl 2h]   (rest-oauth2)
 *       [--app-key K] [--app-secret S] [--charset GBK|UTF-8]                         (xml-hmac)
 *       [--api-key K]                                                                (polling, form-json)
 *       [--latency 200ms] [--failure-rate 0.1] [--failure-status 503] [--failure-code 2001] [--retry-after 5]
 * </pre>
 * It prints one line starting {@code platform simulator ready: } with its URL, then the
 * credentials its adapter needs, and runs until interrupted.
 */
public final class PlatformSimulatorMain {
    private static final Set<String> FLAGS = Set.of("dialect", "member", "port", "host", "policy", "policy-for",
            "penalties", "client-id", "client-secret", "callback-token", "token-ttl", "app-key", "app-secret", "charset",
            "api-key", "latency", "failure-rate", "failure-status", "failure-code", "retry-after");

    private PlatformSimulatorMain() {
    }

    public static void main(String[] args) {
        Vertx vertx = Vertx.vertx();
        PlatformSimulator simulator;
        try {
            simulator = start(vertx, args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            usage(System.err);
            vertx.close();
            System.exit(2);
            return;
        } catch (RuntimeException e) {
            System.err.println("the simulator could not start: " + e.getMessage());
            vertx.close();
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                simulator.stop().transform(v -> vertx.close()).await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                System.err.println("stop incomplete: " + e.getMessage());
            } finally {
                stopped.countDown();
            }
        }, "simulator-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Parses the arguments, starts the simulator on {@code vertx} and prints where it is.
     *
     * @throws IllegalArgumentException for arguments that make no simulator
     */
    public static PlatformSimulator start(Vertx vertx, String[] args, PrintStream out) {
        SimulatorOptions options = options(args);
        PlatformSimulator s;
        try {
            s = PlatformSimulator.start(vertx, options).await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        out.println("platform simulator ready: " + s.baseUrl() + " (dialect " + options.dialect().id() + ", member "
                + options.member() + ", admin " + s.adminUrl() + ", policy " + options.policy() + ")");
        switch (options.dialect()) {
            case REST_OAUTH2:
                out.println("  tokenUrl " + s.tokenUrl() + "  clientId " + options.clientId() + "  clientSecret "
                        + options.clientSecret() + "  callback token " + options.callbackToken());
                break;
            case XML_HMAC:
                out.println("  appKey " + options.appKey() + "  appSecret " + options.appSecret() + "  charset "
                        + options.charset().name());
                break;
            case POLLING:
                out.println("  X-Api-Key " + options.apiKey());
                break;
            default:
                out.println("  appcode " + options.apiKey());
        }
        out.flush();
        return s;
    }

    static SimulatorOptions options(String[] args) {
        List<String[]> pairs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || !FLAGS.contains(args[i].substring(2))) {
                throw new IllegalArgumentException("unknown option '" + args[i] + "'");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value");
            }
            pairs.add(new String[]{args[i].substring(2), args[++i]});
        }
        String dialect = value(pairs, "dialect");
        String member = value(pairs, "member");
        if (dialect == null || member == null) {
            throw new IllegalArgumentException("--dialect and --member are required");
        }
        SimulatorOptions.Builder b = SimulatorOptions.builder(Dialect.of(dialect), member);
        Double rate = null;
        Integer status = null;
        String code = null;
        Integer retryAfter = null;
        Duration latency = Duration.ZERO;
        for (String[] p : pairs) {
            String v = p[1];
            switch (p[0]) {
                case "port":
                    b.port(integer(v, "--port"));
                    break;
                case "host":
                    b.host(v);
                    break;
                case "policy":
                    b.policy(DecisionPolicy.parse(v));
                    break;
                case "policy-for":
                    int eq = v.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--policy-for is CREDITCODE=POLICY");
                    }
                    b.policyFor(v.substring(0, eq), DecisionPolicy.parse(v.substring(eq + 1)));
                    break;
                case "penalties":
                    penalties(Path.of(v)).forEach(b::penalty);
                    break;
                case "client-id":
                    b.clientId(v);
                    break;
                case "client-secret":
                    b.clientSecret(v);
                    break;
                case "callback-token":
                    b.callbackToken(v);
                    break;
                case "token-ttl":
                    b.tokenTtl(Durations.parse(v));
                    break;
                case "app-key":
                    b.appKey(v);
                    break;
                case "app-secret":
                    b.appSecret(v);
                    break;
                case "charset":
                    b.charset(Charset.forName(v));
                    break;
                case "api-key":
                    b.apiKey(v);
                    break;
                case "latency":
                    latency = Durations.parse(v);
                    break;
                case "failure-rate":
                    rate = Double.parseDouble(v);
                    break;
                case "failure-status":
                    status = integer(v, "--failure-status");
                    break;
                case "failure-code":
                    code = v;
                    break;
                case "retry-after":
                    retryAfter = integer(v, "--retry-after");
                    break;
                default:
                    break;
            }
        }
        b.faults(new Faults(latency, Duration.ZERO, rate == null ? 0 : rate, 0, status == null ? 503 : status, code,
                retryAfter, Set.of()));
        return b.build();
    }

    private static String value(List<String[]> pairs, String name) {
        return pairs.stream().filter(p -> p[0].equals(name)).map(p -> p[1]).reduce((a, b) -> b).orElse(null);
    }

    private static int integer(String v, String name) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + v + "' is not a number");
        }
    }

    /** A JSON array of penalties in the admin API's form. */
    private static List<PenaltyEntry> penalties(Path file) {
        try {
            JsonArray a = new JsonArray(Files.readString(file));
            List<PenaltyEntry> out = new ArrayList<>();
            for (Object o : a) {
                out.add(PenaltyEntry.fromJson((JsonObject) o));
            }
            return out;
        } catch (IOException e) {
            throw new IllegalArgumentException("--penalties: cannot read " + file + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--penalties: " + file + ": " + e.getMessage());
        }
    }

    private static void usage(PrintStream s) {
        s.println("usage: PlatformSimulatorMain --dialect rest-oauth2|xml-hmac|polling|form-json --member DIVISION "
                + "[--port 0] [--host 127.0.0.1] [--policy ACCEPT@300ms,REPAIR@1s,END_PUBLICITY] ...");
    }
}
