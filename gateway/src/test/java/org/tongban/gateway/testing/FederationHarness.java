package org.tongban.gateway.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tongban.gateway.devfed.DevFederation;
import org.tongban.gateway.devfed.FederationPlan;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A federation of gateway nodes as separate processes on loopback, with ports chosen at run
 * time, set up by {@link DevFederation} in a temporary directory. Closing it stops every process.
 */
public final class FederationHarness implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final DevFederation.Written written;
    private final Map<String, NodeProcess> processes = new LinkedHashMap<>();
    private final Map<String, FederationPlan.NodePlan> plans = new LinkedHashMap<>();
    private final List<String> jvmArgs;

    private FederationHarness(Path dir, FederationPlan plan, List<String> jvmArgs) {
        this.dir = dir;
        this.jvmArgs = List.copyOf(jvmArgs);
        this.written = new DevFederation(dir, plan, Clock.systemUTC()).write();
        for (FederationPlan.NodePlan n : plan.nodes()) {
            plans.put(n.id(), n);
            processes.put(n.id(), new NodeProcess(n.id(), written.nodeConfigs().get(n.id()), dir, jvmArgs));
        }
    }

    public static Builder builder(Path dir) {
        return new Builder(dir);
    }

    public static final class Builder {
        private final Path dir;
        private final List<FederationPlan.NodePlan> nodes = new ArrayList<>();
        private boolean tls = true;
        private final List<String> jvmArgs = new ArrayList<>(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));

        private Builder(Path dir) {
            this.dir = dir;
        }

        public Builder tls(boolean on) {
            this.tls = on;
            return this;
        }

        public Builder jvmArgs(String... args) {
            jvmArgs.clear();
            jvmArgs.addAll(List.of(args));
            return this;
        }

        /** A node hosting members, each on a scripted platform with the given steps. */
        public Builder node(String id, ObjectNode store, Member... members) {
            return node(id, FreePorts.next(), store, members);
        }

        /** As {@link #node(String, ObjectNode, Member...)}, with the federation port the directory names. */
        public Builder node(String id, int federationPort, ObjectNode store, Member... members) {
            List<FederationPlan.MemberPlan> ms = new ArrayList<>();
            for (Member m : members) {
                ObjectNode settings = JSON.createObjectNode();
                settings.putArray("steps").addAll(m.steps().stream().map(JSON.getNodeFactory()::textNode).toList());
                settings.put("delayMillis", 20);
                if (m.platform() != null) {
                    settings.setAll(m.platform());
                }
                ms.add(new FederationPlan.MemberPlan(m.id(), m.name(), m.slaProfile(), "scripted", settings));
            }
            nodes.add(new FederationPlan.NodePlan(id, "127.0.0.1", federationPort, FreePorts.next(), FreePorts.next(), ms,
                    store));
            return this;
        }

        public FederationHarness build() {
            return new FederationHarness(dir, new FederationPlan("tongban-it", !tls, nodes), jvmArgs);
        }
    }

    /**
     * A hosted member, the script its platform plays, and the SLA profile the directory names for
     * it ({@code national} unless a test chooses another).
     *
     * @param platform more settings of its scripted platform (e.g. a penalty feed), or null
     */
    public record Member(String id, String name, List<String> steps, String slaProfile, ObjectNode platform) {
        public static Member of(String id, String name, String... steps) {
            return new Member(id, name, steps.length == 0 ? List.of("accept", "repair", "end-publicity") : List.of(steps),
                    "national", null);
        }

        /** A member whose platform takes applications and never answers them. */
        public static Member silent(String id, String name) {
            return new Member(id, name, List.of(), "national", null);
        }

        public Member withSlaProfile(String profile) {
            return new Member(id, name, steps, profile, platform);
        }

        /** The same member whose platform also has {@code settings} (see {@code ScriptedPenaltyFeed}). */
        public Member withPlatform(ObjectNode settings) {
            return new Member(id, name, steps, slaProfile, settings);
        }
    }

    public FederationHarness startAll() {
        processes.values().forEach(p -> p.start(Duration.ofSeconds(60)));
        return this;
    }

    /**
     * Merges {@code settings} into a node's configuration file before its processes start (for
     * blocks the environment cannot set, such as {@code sla.profiles}).
     */
    public FederationHarness configure(String nodeId, ObjectNode settings) {
        Path file = written.nodeConfigs().get(nodeId);
        ObjectMapper yaml = new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
        try {
            ObjectNode config = (ObjectNode) yaml.readTree(file.toFile());
            merge(config, settings);
            java.nio.file.Files.writeString(file, yaml.writeValueAsString(config));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot rewrite " + file, e);
        }
        return this;
    }

    private static void merge(ObjectNode target, ObjectNode source) {
        source.properties().forEach(e -> {
            if (target.get(e.getKey()) instanceof ObjectNode && e.getValue() instanceof ObjectNode) {
                merge((ObjectNode) target.get(e.getKey()), (ObjectNode) e.getValue());
            } else {
                target.set(e.getKey(), e.getValue());
            }
        });
    }

    /** Sets a TONGBAN_* override for every process of every node before it starts. */
    public FederationHarness envForAll(String name, String value) {
        processes.values().forEach(p -> p.env(name, value));
        return this;
    }

    public NodeProcess process(String nodeId) {
        return processes.get(nodeId);
    }

    /** Another process of an existing node (same configuration, e.g. the same PostgreSQL store). */
    public NodeProcess addProcess(String nodeId, String name) {
        NodeProcess p = new NodeProcess(nodeId, name, written.nodeConfigs().get(nodeId), dir, jvmArgs);
        processes.put(name, p);
        return p;
    }

    /** An office client for a specific office port (one process among several of a node). */
    public OfficeClient office(int officePort, int opsPort, String member, String role) {
        return new OfficeClient("http://127.0.0.1:" + officePort, "http://127.0.0.1:" + opsPort,
                Tokens.mint(written.jwtSecret(), "tongban-it", member, role));
    }

    public FederationPlan.NodePlan plan(String nodeId) {
        return plans.get(nodeId);
    }

    /** An office API client for a member of a node, with a freshly minted token. */
    public OfficeClient office(String nodeId, String member, String role) {
        FederationPlan.NodePlan n = plans.get(nodeId);
        return new OfficeClient("http://127.0.0.1:" + n.officePort(), "http://127.0.0.1:" + n.opsPort(),
                Tokens.mint(written.jwtSecret(), "tongban-it", member, role));
    }

    public Path dir() {
        return dir;
    }

    public DevFederation.Written written() {
        return written;
    }

    public Path nodeDataDir(String nodeId) {
        return dir.resolve("data").resolve(nodeId);
    }

    @Override
    public void close() {
        for (NodeProcess p : processes.values()) {
            try {
                p.close();
            } catch (RuntimeException e) {
                // keep closing the others
            }
        }
        keepLogs();
    }

    /** Copies the node logs to target/it-logs/ so that a failed run can be read afterwards. */
    private void keepLogs() {
        try {
            Path target = Path.of("target", "it-logs", dir.getFileName().toString());
            java.nio.file.Files.createDirectories(target);
            for (NodeProcess p : processes.values()) {
                if (java.nio.file.Files.exists(p.log())) {
                    java.nio.file.Files.copy(p.log(), target.resolve(p.log().getFileName()),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (java.io.IOException e) {
            // logs are a convenience; the test result stands without them
        }
    }
}
