package org.tongban.gateway.demo;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.tongban.adapters.simulator.PlatformSimulator;
import org.tongban.adapters.simulator.SimulatorOptions;
import org.tongban.gateway.config.ConfigLoader;
import org.tongban.gateway.config.NodeConfig;
import org.tongban.gateway.devfed.DevFederation;
import org.tongban.gateway.devfed.FederationPlan;
import org.tongban.gateway.node.Node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The demo federation in this JVM: one simulated platform per city, and the nodes north, east
 * and south, each a real {@link Node} with its embedded store, talking to each other over
 * mutual TLS on loopback, set up by {@link DevFederation} in the data directory.
 */
final class DemoFederation {
    static final String FEDERATION_ID = "tongban-demo";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Vertx vertx;
    private final List<DemoCity> cities;
    private final Map<String, PlatformSimulator> platforms = new LinkedHashMap<>();
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private DevFederation.Written written;

    private DemoFederation(Vertx vertx, List<DemoCity> cities) {
        this.vertx = vertx;
        this.cities = List.copyOf(cities);
    }

    /**
     * Starts the platforms, writes the federation into {@code dir} and starts its nodes.
     *
     * @param customize a chance to give one platform a policy of its own before it starts
     */
    static DemoFederation start(Path dir, int basePort, List<DemoCity> cities,
                                java.util.function.BiConsumer<DemoCity, SimulatorOptions.Builder> customize,
                                Consumer<String> progress) {
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(false));
        DemoFederation f = new DemoFederation(vertx, cities);
        try {
            for (DemoCity c : cities) {
                SimulatorOptions.Builder b = DemoPlatforms.simulator(c);
                customize.accept(c, b);
                f.platforms.put(c.id(), await(PlatformSimulator.start(vertx, b.build())));
            }
            progress.accept(cities.size() + " city platforms simulated (rest-oauth2, xml-hmac, polling, form-json)");
            f.written = new DevFederation(dir, f.plan(basePort), Clock.systemUTC()).write();
            for (String node : f.nodeIds()) {
                NodeConfig config = ConfigLoader.load(f.written.nodeConfigs().get(node), Map.of());
                f.nodes.put(node, await(Node.start(vertx, config, Clock.systemUTC())));
                progress.accept("node " + node + " up, hosting " + String.join(" ", f.cityNames(node)));
            }
            return f;
        } catch (RuntimeException e) {
            f.stop(Duration.ofSeconds(5));
            throw e;
        }
    }

    private FederationPlan plan(int basePort) {
        List<FederationPlan.NodePlan> out = new ArrayList<>();
        List<String> ids = nodeIds();
        for (int i = 0; i < ids.size(); i++) {
            String node = ids.get(i);
            List<FederationPlan.MemberPlan> members = new ArrayList<>();
            for (DemoCity c : cities) {
                if (c.node().equals(node)) {
                    DemoPlatforms.Adapter a = DemoPlatforms.adapter(platforms.get(c.id()));
                    members.add(new FederationPlan.MemberPlan(c.id(), c.nameZh(), c.slaProfile(), a.type(), a.settings(),
                            a.secrets()));
                }
            }
            int federation = basePort == 0 ? freePort() : basePort + i;
            int office = basePort == 0 ? 0 : basePort + 10 + i;
            int ops = basePort == 0 ? 0 : basePort + 20 + i;
            out.add(new FederationPlan.NodePlan(node, "127.0.0.1", federation, office, ops, members, null));
        }
        return new FederationPlan(FEDERATION_ID, false, out);
    }

    /** The nodes in the order the cities file first names them (north, east, south). */
    List<String> nodeIds() {
        return cities.stream().map(DemoCity::node).distinct().toList();
    }

    List<String> cityNames(String node) {
        return cities.stream().filter(c -> c.node().equals(node)).map(DemoCity::nameZh).toList();
    }

    Node node(String id) {
        return nodes.get(id);
    }

    /** The node hosting a member. */
    Node nodeOf(String member) {
        return nodes.get(city(member).node());
    }

    DemoCity city(String member) {
        return cities.stream().filter(c -> c.id().equals(member)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no demo city " + member));
    }

    List<DemoCity> cities() {
        return cities;
    }

    PlatformSimulator platform(String member) {
        return platforms.get(member);
    }

    DevFederation.Written written() {
        return written;
    }

    String officeUrl(String node) {
        return "http://127.0.0.1:" + nodes.get(node).officePort();
    }

    String opsUrl(String node) {
        return "http://127.0.0.1:" + nodes.get(node).opsPort();
    }

    /** Stops the nodes gracefully, then the platforms, then Vert.x; waits at most about twice {@code grace}. */
    void stop(Duration grace) {
        List<Future<Void>> stopping = new ArrayList<>();
        nodes.values().forEach(n -> stopping.add(n.stop(grace)));
        try {
            Future.join(stopping).await(grace.toMillis() * 2 + 5_000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // what did not stop in time is abandoned: everything acknowledged is stored
        }
        List<Future<Void>> closing = new ArrayList<>();
        platforms.values().forEach(p -> closing.add(p.stop()));
        try {
            Future.join(closing).await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the platforms hold nothing that must survive
        }
        try {
            vertx.close().await(grace.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // the JVM is going away anyway
        }
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.await(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("not started within " + START_TIMEOUT.toSeconds() + " s");
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on loopback", e);
        }
    }
}
