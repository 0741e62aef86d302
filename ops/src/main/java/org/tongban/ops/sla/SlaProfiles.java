package org.tongban.ops.sla;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.tongban.contracts.message.SlaClock;

import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The SLA profiles a node knows: those shipped with this build ({@value #RESOURCE}) and those of
 * its configuration, where a profile with a shipped id replaces it whole. Definitions are JSON
 * (or the same shape in the node's YAML):
 * <pre>
 * "national": {
 *   "description": "…",
 *   "clocks": { "DECISION": { "within": "3wd", "escalate": true }, "END_TO_END": { "within": "10wd" } }
 * }
 * </pre>
 * Unknown keys and clocks are refused. Immutable.
 */
public final class SlaProfiles {
    public static final String RESOURCE = "/org/tongban/ops/sla/profiles.json";
    /** The form of profile ids, as the federation directory allows them. */
    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    private static final Set<String> PROFILE_KEYS = Set.of("description", "clocks");
    private static final Set<String> CLOCK_KEYS = Set.of("within", "escalate");
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private final Map<String, SlaProfile> byId;

    private SlaProfiles(Map<String, SlaProfile> byId) {
        this.byId = Map.copyOf(byId);
    }

    /** The profiles shipped with this build: national, same-day, 24h. */
    public static SlaProfiles shipped() {
        try (InputStream in = SlaProfiles.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the build lost the resource " + RESOURCE);
            }
            return new SlaProfiles(parse(JSON.readTree(in), "resource " + RESOURCE));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
    }

    /**
     * These profiles with {@code definitions} (an object of profile id → definition) added; a
     * definition replaces the profile of the same id.
     *
     * @param origin where the definitions come from, for messages (e.g. {@code sla.profiles})
     */
    public SlaProfiles with(JsonNode definitions, String origin) {
        Map<String, SlaProfile> all = new LinkedHashMap<>(byId);
        all.putAll(parse(definitions, origin));
        return new SlaProfiles(all);
    }

    public Optional<SlaProfile> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Set<String> ids() {
        return byId.keySet();
    }

    static Map<String, SlaProfile> parse(JsonNode root, String origin) {
        Map<String, SlaProfile> out = new LinkedHashMap<>();
        if (root == null || root.isNull() || root.isMissingNode()) {
            return out;
        }
        if (!root.isObject()) {
            throw new SlaProfileException(origin + ": expected a mapping of profile id to its definition");
        }
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            String at = origin + "." + e.getKey();
            if (!ID.matcher(e.getKey()).matches()) {
                throw new SlaProfileException(at + ": a profile id is lower-case letters, digits and -, at most 32"
                        + " (as in the federation directory)");
            }
            out.put(e.getKey(), profile(e.getKey(), e.getValue(), at));
        }
        return out;
    }

    private static SlaProfile profile(String id, JsonNode def, String at) {
        if (!def.isObject()) {
            throw new SlaProfileException(at + ": expected description and clocks");
        }
        unknownKeys(def, PROFILE_KEYS, at);
        JsonNode clocks = def.get("clocks");
        if (clocks == null || !clocks.isObject() || clocks.isEmpty()) {
            throw new SlaProfileException(at + ".clocks: name at least one clock of " + java.util.Arrays.toString(SlaClock.values()));
        }
        Map<SlaClock, ClockLimit> limits = new EnumMap<>(SlaClock.class);
        for (Map.Entry<String, JsonNode> c : clocks.properties()) {
            String cat = at + ".clocks." + c.getKey();
            SlaClock clock;
            try {
                clock = SlaClock.valueOf(c.getKey());
            } catch (IllegalArgumentException e) {
                throw new SlaProfileException(cat + ": not a clock; choose from " + java.util.Arrays.toString(SlaClock.values()));
            }
            JsonNode v = c.getValue();
            if (!v.isObject()) {
                throw new SlaProfileException(cat + ": expected { within: 3wd, escalate: true }");
            }
            unknownKeys(v, CLOCK_KEYS, cat);
            if (!v.path("within").isTextual()) {
                throw new SlaProfileException(cat + ".within: give the limit, e.g. 3wd (working days) or 24h");
            }
            if (v.has("escalate") && !v.get("escalate").isBoolean()) {
                throw new SlaProfileException(cat + ".escalate: true or false");
            }
            SlaLimit within;
            try {
                within = SlaLimit.parse(v.get("within").asText());
            } catch (IllegalArgumentException e) {
                throw new SlaProfileException(cat + ".within: " + e.getMessage());
            }
            limits.put(clock, new ClockLimit(clock, within, v.path("escalate").asBoolean(false)));
        }
        return new SlaProfile(id, def.path("description").asText(""), limits);
    }

    private static void unknownKeys(JsonNode node, Set<String> allowed, String at) {
        node.fieldNames().forEachRemaining(k -> {
            if (!allowed.contains(k)) {
                throw new SlaProfileException(at + ": unknown key '" + k + "'; the keys allowed there are " + allowed);
            }
        });
    }
}
