package org.tongban.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.id.MemberId;
import org.tongban.gateway.cases.Clerk;
import org.tongban.gateway.config.ConfigException;
import org.tongban.gateway.config.ConfigLoader;
import org.tongban.gateway.config.NodeConfig;
import org.tongban.gateway.node.Node;
import org.tongban.gateway.office.auth.JwtIssuer;
import org.tongban.gateway.tls.NodeTls;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's command line.
 * <pre>
 *   tongban-gateway run --config node.yaml
 *   tongban-gateway token --config node.yaml --member 230100 --role clerk --subject li.na [--ttl 8h]
 *   tongban-gateway tls-cert --node north --out-dir config/tls
 *   tongban-gateway demo [--data-dir ./data/demo] [--keep] [--base-port N] [--timeout 180s]
 * </pre>
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || "--help".equals(args[0]) || "help".equals(args[0])) {
            usage(out);
            return args.length == 0 ? 2 : 0;
        }
        try {
            if ("demo".equals(args[0])) {
                // the demo has flags without values (--keep), so it reads its own options
                return org.tongban.gateway.demo.DemoCommand.run(args, out, err);
            }
            Map<String, String> opts = options(args, 1);
            switch (args[0]) {
                case "run":
                    return runNode(require(opts, "config"), out, err);
                case "token":
                    return token(opts, out);
                case "tls-cert":
                    NodeTls.Generated g = NodeTls.generate(require(opts, "node"),
                            Path.of(require(opts, "out-dir")).resolve(opts.get("node") + ".crt.pem"),
                            Path.of(opts.get("out-dir")).resolve(opts.get("node") + ".key.pem"));
                    out.println("certificate sha256 " + g.fingerprint());
                    return 0;
                default:
                    err.println("unknown command '" + args[0] + "'");
                    usage(err);
                    return 2;
            }
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 2;
        } catch (ContractException e) {
            err.println(e.code() + ": " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            usage(err);
            return 2;
        }
    }

    private static int runNode(String configPath, PrintStream out, PrintStream err) {
        NodeConfig config = ConfigLoader.load(Path.of(configPath), System.getenv());
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(false));
        Node node;
        try {
            node = Node.start(vertx, config, Clock.systemUTC()).toCompletionStage().toCompletableFuture().join();
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            err.println("node " + config.node().id() + " could not start: " + cause.getMessage());
            vertx.close();
            return cause instanceof ConfigException ? 2 : 1;
        }
        out.println("node " + config.node().id() + " ready: federation port " + node.federationPort() + ", office http://"
                + config.listen().office().host() + ":" + node.officePort() + "/office/v1, ops http://"
                + config.listen().ops().host() + ":" + node.opsPort() + " (/metrics /health /ready)");
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.stop(Duration.ofSeconds(10)).transform(v -> vertx.close()).toCompletionStage().toCompletableFuture()
                        .get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                System.err.println("shutdown incomplete: " + e.getMessage());
            } finally {
                stopped.countDown();
            }
        }, "tongban-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static int token(Map<String, String> opts, PrintStream out) {
        NodeConfig config = ConfigLoader.load(Path.of(require(opts, "config")), System.getenv());
        Clerk.Role role = Clerk.Role.valueOf(opts.getOrDefault("role", "clerk"));
        MemberId member = opts.containsKey("member") ? MemberId.of(opts.get("member")) : null;
        Duration ttl = opts.containsKey("ttl") ? Duration.parse("PT" + opts.get("ttl").toUpperCase()) : Duration.ofHours(8);
        JwtIssuer issuer = new JwtIssuer(config.office().jwtSecret().reveal(), config.office().jwtIssuer(), Clock.systemUTC());
        out.println(issuer.issue(new Clerk(opts.getOrDefault("subject", role.name()), member, role), ttl));
        return 0;
    }

    private static Map<String, String> options(String[] args, int from) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = from; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
            }
            String name = args[i].substring(2);
            if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                throw new IllegalArgumentException("option --" + name + " needs a value");
            }
            opts.put(name, args[++i]);
        }
        return opts;
    }

    private static String require(Map<String, String> opts, String name) {
        String v = opts.get(name);
        if (v == null) {
            throw new IllegalArgumentException("missing --" + name);
        }
        return v;
    }

    private static void usage(PrintStream s) {
        s.println("usage: tongban-gateway <command> [options]");
        s.println("  run --config FILE                    start a node");
        s.println("  token --config FILE --member ID --role clerk|supervisor|ops [--subject NAME] [--ttl 8h]");
        s.println("                                       mint an office/ops bearer token");
        s.println("  tls-cert --node ID --out-dir DIR     make a node's self-signed TLS certificate and key");
        s.println("  demo [--data-dir DIR] [--keep] [--base-port N] [--timeout 180s]");
        s.println("                                       the whole federation on this machine: 11 cities, 3 nodes,");
        s.println("                                       simulated platforms, two stories; runs until Ctrl-C");
    }
}
