package org.tongban.gateway.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.tongban.adapters.simulator.Dialect;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.id.DivisionCode;
import org.tongban.contracts.id.MemberId;
import org.tongban.ops.sla.SlaProfiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Reads a join file: the YAML that asks the running demo to take in one more member city.
 * <pre>
 * id: "330800"          # division code of a prefecture-level city or a municipality
 * name: 衢州市
 * node: east            # the demo node that hosts it
 * slaProfile: 24h       # national (default) | same-day | 24h
 * platform: form-json   # rest-oauth2 | xml-hmac | polling | form-json
 * mapping: mappings/quzhou.yaml   # form-json only; relative to the join file, or classpath:…
 * </pre>
 * Every problem is reported at once, in one line, so a file is fixed in one round; nothing is
 * guessed (unknown keys, a district instead of its city, a member already in the federation,
 * an unknown node, dialect or profile are refused).
 */
final class JoinFileReader {
    /** The keys of a join file, in the order the documentation lists them. */
    static final List<String> KEYS = List.of("id", "name", "node", "slaProfile", "platform", "mapping");
    static final String DEFAULT_SLA_PROFILE = "national";
    static final int MAX_BYTES = 64 * 1024;
    private static final String CLASSPATH = "classpath:";
    private static final int MAX_NAME = 40;
    private static final List<String> PROFILES = SlaProfiles.shipped().ids().stream().sorted().toList();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    /** Why a join file was refused: one line, without the file's name (the caller names it). */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String problems) {
            super(problems, null, false, false);
        }
    }

    private JoinFileReader() {
    }

    /**
     * Reads and checks a join file against the running federation.
     *
     * @param nodes   the demo's nodes
     * @param members the member cities now in the federation
     * @throws Refused saying everything that is wrong
     */
    static JoinRequest read(Path file, byte[] bytes, List<String> nodes, List<DemoCity> members) {
        if (bytes.length > MAX_BYTES) {
            throw new Refused("larger than " + MAX_BYTES / 1024 + " KiB; a join file holds a few lines");
        }
        JsonNode root;
        try {
            root = YAML.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new Refused("not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        } catch (IOException e) {
            throw new Refused("cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new Refused("holds no YAML mapping; expected the keys " + String.join(", ", KEYS));
        }
        List<String> problems = new ArrayList<>();
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            if (!KEYS.contains(key)) {
                problems.add("unknown key '" + key + "'; the keys allowed are " + String.join(", ", KEYS));
            }
        }
        String id = text(root, "id", true, problems);
        String name = text(root, "name", true, problems);
        String node = text(root, "node", true, problems);
        String profile = Optional.ofNullable(text(root, "slaProfile", false, problems)).orElse(DEFAULT_SLA_PROFILE);
        String platform = text(root, "platform", true, problems);
        String mapping = text(root, "mapping", false, problems);

        if (id != null) {
            checkMember(id, members, problems);
        }
        if (name != null && (name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl))) {
            problems.add("name: at most " + MAX_NAME + " characters, no control characters");
        }
        if (node != null && !nodes.contains(node)) {
            problems.add("node: unknown node '" + node + "'; the demo's nodes are " + String.join(", ", nodes));
        }
        if (!PROFILES.contains(profile)) {
            problems.add("slaProfile: unknown profile '" + profile + "'; one of " + String.join(", ", PROFILES));
        }
        Dialect dialect = platform == null ? null : dialect(platform, problems);
        String location = null;
        if (mapping != null) {
            if (dialect != null && dialect != Dialect.FORM_JSON) {
                problems.add("mapping: only a form-json platform is reached by a mapping, not " + dialect.id());
            } else {
                location = mapping(file, mapping, problems);
            }
        }
        if (!problems.isEmpty()) {
            throw new Refused(String.join("; ", problems));
        }
        return new JoinRequest(file, id, name, node, profile, dialect, location);
    }

    /** A prefecture-level city or municipality, not yet a member. */
    private static void checkMember(String id, List<DemoCity> members, List<String> problems) {
        try {
            MemberId.of(id);
        } catch (ContractException e) {
            problems.add("id: " + e.violations().get(0).detail());
            return;
        }
        DivisionCode division = DivisionCode.of(id);
        if (division.isProvince()) {
            problems.add("id: " + id + " is a province; a member is a prefecture-level city or a municipality");
            return;
        }
        String city = division.member().value();
        if (!city.equals(id)) {
            problems.add("id: " + id + " is a county or district of " + city
                    + "; a member is a prefecture-level city or a municipality (here " + city + ")");
            return;
        }
        members.stream().filter(c -> c.id().equals(id)).findFirst().ifPresent(c ->
                problems.add("id: " + id + " is already a member (" + c.nameZh() + " on node " + c.node() + ")"));
    }

    private static Dialect dialect(String platform, List<String> problems) {
        try {
            return Dialect.of(platform);
        } catch (IllegalArgumentException e) {
            problems.add("platform: unknown dialect '" + platform + "'; one of "
                    + String.join(", ", Arrays.stream(Dialect.values()).map(Dialect::id).toList()));
            return null;
        }
    }

    /** The mapping's location as the node will read it: {@code classpath:…}, or an absolute path. */
    private static String mapping(Path file, String mapping, List<String> problems) {
        if (mapping.startsWith(CLASSPATH)) {
            String resource = mapping.substring(CLASSPATH.length()).replaceFirst("^/", "");
            if (JoinFileReader.class.getClassLoader().getResource(resource) == null) {
                problems.add("mapping: no " + resource + " on the class path");
            }
            return mapping;
        }
        Path base = file.toAbsolutePath().getParent();
        Path resolved = base.resolve(mapping).normalize();
        if (!Files.isRegularFile(resolved) || !Files.isReadable(resolved)) {
            problems.add("mapping: no readable file at " + resolved + " (a relative path is taken from the join file's "
                    + "directory)");
        }
        return resolved.toString();
    }

    /** A scalar value as text (a number as written, e.g. an unquoted division code), or null when absent. */
    private static String text(JsonNode root, String key, boolean required, List<String> problems) {
        JsonNode v = root.get(key);
        if (v == null || v.isNull()) {
            if (required) {
                problems.add(key + ": missing");
            }
            return null;
        }
        if (!v.isTextual() && !v.isIntegralNumber()) {
            problems.add(key + ": expected a single value, got " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
            return null;
        }
        String s = v.asText().trim();
        if (s.isEmpty()) {
            problems.add(key + ": empty");
            return null;
        }
        return s;
    }
}
