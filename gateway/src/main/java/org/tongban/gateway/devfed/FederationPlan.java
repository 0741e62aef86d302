package org.tongban.gateway.devfed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * A federation to set up on one machine: its nodes, the members each hosts, and how each
 * member's platform is reached. Used by the demo, integration tests and the load tool.
 *
 * @param development true for plain HTTP between nodes (one laptop), false for mutual TLS
 */
public record FederationPlan(String federationId, boolean development, List<NodePlan> nodes) {
    public FederationPlan {
        nodes = List.copyOf(nodes);
    }

    /**
     * @param store        extra settings of the node's {@code store} block (empty: embedded store in the node's data dir)
     */
    public record NodePlan(String id, String host, int federationPort, int officePort, int opsPort,
                           List<MemberPlan> members, ObjectNode store) {
        public NodePlan {
            members = List.copyOf(members);
        }
    }

    /**
     * @param adapterSettings the member's adapter settings block, without its secrets
     * @param adapterSecrets  credentials of the adapter by dotted settings path (e.g. {@code clientSecret},
     *                        {@code callback.token}); each is written to its own file and the settings
     *                        refer to it as {@code {"secret": "file:…"}}, so that no secret sits in the node's
     *                        configuration file
     */
    public record MemberPlan(String id, String name, String slaProfile, String adapterType, ObjectNode adapterSettings,
                             Map<String, String> adapterSecrets) {
        public MemberPlan {
            adapterSecrets = adapterSecrets == null ? Map.of() : Map.copyOf(adapterSecrets);
        }

        public MemberPlan(String id, String name, String slaProfile, String adapterType, ObjectNode adapterSettings) {
            this(id, name, slaProfile, adapterType, adapterSettings, Map.of());
        }

        /**
         * A copy of the adapter settings with each secret set at its dotted path, in sorted order, to what
         * {@code secret.apply(path, value)} makes of it (a reference to a file, or the value itself for a check).
         */
        public ObjectNode settingsWith(BiFunction<String, String, JsonNode> secret) {
            ObjectNode settings = adapterSettings == null ? JsonNodeFactory.instance.objectNode() : adapterSettings.deepCopy();
            for (Map.Entry<String, String> s : new TreeMap<>(adapterSecrets).entrySet()) {
                String[] parts = s.getKey().split("\\.");
                ObjectNode at = settings;
                for (int i = 0; i < parts.length - 1; i++) {
                    JsonNode next = at.get(parts[i]);
                    at = next instanceof ObjectNode ? (ObjectNode) next : at.putObject(parts[i]);
                }
                at.set(parts[parts.length - 1], secret.apply(s.getKey(), s.getValue()));
            }
            return settings;
        }
    }
}
