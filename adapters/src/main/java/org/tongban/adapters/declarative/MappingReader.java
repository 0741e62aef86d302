package org.tongban.adapters.declarative;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.http.HttpMethod;
import org.tongban.adapters.spi.AdapterConfigException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a mapping file (YAML, or JSON, which is YAML too) from a path relative to the node's
 * configuration directory or from {@code classpath:…}, and checks all of it at once: every
 * problem is reported with the mapping key it concerns ({@code endpoints.apply.url},
 * {@code request.apply.cflb.map.GENRAL}, …), so a mapping is fixed in one round.
 */
public final class MappingReader {
    private static final String CLASSPATH = "classpath:";
    private static final Set<String> TOP = Set.of("name", "zone", "auth", "answer", "endpoints", "request", "response");
    private static final int MAX_BYTES = 1 << 20;

    private MappingReader() {
    }

    /** Loads and checks the mapping at {@code location}; {@link AdapterConfigException} says what is wrong. */
    static Mapping load(String location, Path baseDir) {
        String source;
        byte[] bytes;
        if (location.startsWith(CLASSPATH)) {
            String resource = location.substring(CLASSPATH.length()).replaceFirst("^/", "");
            source = location;
            try (InputStream in = MappingReader.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new AdapterConfigException("mapping: no mapping " + resource + " on the class path");
                }
                bytes = in.readNBytes(MAX_BYTES + 1);
            } catch (IOException e) {
                throw new AdapterConfigException("mapping: cannot read " + location + ": " + e.getMessage());
            }
        } else {
            Path file = baseDir.resolve(location).toAbsolutePath().normalize();
            source = file.toString();
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new AdapterConfigException("mapping: no readable mapping file at " + file
                        + " (a relative path is taken from the directory of the node's configuration file)");
            }
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new AdapterConfigException("mapping: cannot read " + file + ": " + e.getMessage());
            }
        }
        if (bytes.length > MAX_BYTES) {
            throw new AdapterConfigException("mapping: " + source + " is larger than 1 MiB");
        }
        return parse(bytes, source);
    }

    /** Parses and checks mapping text read from {@code source}. */
    static Mapping parse(byte[] bytes, String source) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new AdapterConfigException("mapping: " + source + " is not valid YAML or JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        } catch (IOException e) {
            throw new AdapterConfigException("mapping: cannot read " + source + ": " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new AdapterConfigException("mapping: " + source + " must hold a map with auth, endpoints, request and response");
        }
        Problems problems = new Problems();
        ChangeMapping.unknownKeys(root, "(top level)", TOP, problems);
        String name = root.path("name").isTextual() ? root.get("name").asText() : source;
        ZoneOffset zone = zone(root.get("zone"), problems);
        AuthSpec auth = AuthSpec.parse(root.get("auth"), problems);
        AnswerRule common = root.has("answer") ? answer(root.get("answer"), "answer", problems) : AnswerRule.DEFAULT;
        Map<Endpoint.Name, Endpoint> endpoints = endpoints(root.get("endpoints"), common, problems);
        Map<Endpoint.Name, BodyTemplate> requests = requests(root.get("request"), problems);
        JsonNode response = root.get("response");
        if (response == null || !response.isObject()) {
            problems.add("response", "required: at least apply.reference and changes");
            response = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        }
        ChangeMapping.unknownKeys(response, "response", Set.of("apply", "supplement", "withdraw", "changes", "penalties"),
                problems);
        Map<Endpoint.Name, JsonPath> references = new EnumMap<>(Endpoint.Name.class);
        for (Endpoint.Name n : List.of(Endpoint.Name.APPLY, Endpoint.Name.SUPPLEMENT, Endpoint.Name.WITHDRAW)) {
            JsonNode r = response.get(n.key());
            if (r != null) {
                ChangeMapping.unknownKeys(r, "response." + n.key(), Set.of("reference"), problems);
            }
            JsonPath ref = FeedPaths.path(r, "reference", "response." + n.key(), n == Endpoint.Name.APPLY, problems);
            if (ref != null) {
                references.put(n, ref);
            }
        }
        ChangeMapping changes = ChangeMapping.parse(response.get("changes"), "response.changes", problems);
        PenaltyMapping penalties = null;
        if (endpoints.containsKey(Endpoint.Name.PENALTIES) || response.has("penalties")) {
            if (!endpoints.containsKey(Endpoint.Name.PENALTIES)) {
                problems.add("endpoints.penalties", "required with response.penalties");
            }
            penalties = PenaltyMapping.parse(response.get("penalties"), "response.penalties", problems);
        }
        problems.throwIfAny(source);
        return new Mapping(source, name, zone, auth, endpoints, requests, references, changes, penalties);
    }

    private static ZoneOffset zone(JsonNode node, Problems problems) {
        if (node == null) {
            return ZoneOffset.ofHours(8);
        }
        try {
            return ZoneOffset.of(node.asText());
        } catch (DateTimeException e) {
            problems.add("zone", "expected an offset such as +08:00, got '" + node.asText() + "'");
            return ZoneOffset.ofHours(8);
        }
    }

    private static Map<Endpoint.Name, Endpoint> endpoints(JsonNode node, AnswerRule common, Problems problems) {
        Map<Endpoint.Name, Endpoint> out = new EnumMap<>(Endpoint.Name.class);
        if (node == null || !node.isObject()) {
            problems.add("endpoints", "required: apply, supplement, withdraw and changes (penalties and health optional)");
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = "endpoints." + e.getKey();
            Endpoint.Name name = Endpoint.Name.of(e.getKey()).orElse(null);
            if (name == null) {
                problems.add(key, "unknown endpoint; known: apply, supplement, withdraw, changes, callback, penalties, health");
                continue;
            }
            if (name == Endpoint.Name.CALLBACK) {
                problems.add(key, "pushed events are not taken by the declarative dialect; declare a changes endpoint"
                        + " to poll instead");
                continue;
            }
            JsonNode v = e.getValue();
            if (!v.isObject()) {
                problems.add(key, "expected {method, url} and optionally answer");
                continue;
            }
            ChangeMapping.unknownKeys(v, key, Set.of("method", "url", "answer"), problems);
            HttpMethod method = name.hasBody() ? HttpMethod.POST : HttpMethod.GET;
            if (v.has("method")) {
                String m = v.get("method").asText();
                if (!List.of("GET", "POST", "PUT").contains(m)) {
                    problems.add(key + ".method", "expected GET, POST or PUT, got '" + m + "'");
                } else if (m.equals("GET") && name.hasBody()) {
                    problems.add(key + ".method", name.key() + " sends a body: use POST or PUT");
                } else {
                    method = HttpMethod.valueOf(m);
                }
            }
            if (!v.path("url").isTextual()) {
                problems.add(key + ".url", "required: a URL template such as {baseUrl}/api/" + name.key());
                continue;
            }
            UrlTemplate url = UrlTemplate.parse(v.get("url").asText(), key + ".url", name.variables(), problems);
            AnswerRule answer = v.has("answer") ? answer(v.get("answer"), key + ".answer", problems) : common;
            if (url != null && answer != null) {
                out.put(name, new Endpoint(name, method, url, answer));
            }
        }
        for (Endpoint.Name required : List.of(Endpoint.Name.APPLY, Endpoint.Name.SUPPLEMENT, Endpoint.Name.WITHDRAW,
                Endpoint.Name.CHANGES)) {
            if (!node.has(required.key())) {
                problems.add("endpoints." + required.key(), "required");
            }
        }
        return out;
    }

    private static Map<Endpoint.Name, BodyTemplate> requests(JsonNode node, Problems problems) {
        Map<Endpoint.Name, BodyTemplate> out = new EnumMap<>(Endpoint.Name.class);
        if (node == null || !node.isObject()) {
            problems.add("request", "required: at least the body of apply");
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Endpoint.Name name = Endpoint.Name.of(e.getKey()).filter(Endpoint.Name::hasBody).orElse(null);
            if (name == null) {
                problems.add("request." + e.getKey(), "only apply, supplement and withdraw send a body");
                continue;
            }
            BodyTemplate body = BodyTemplate.parse(e.getValue(), "request." + e.getKey(), ContractFields.of(name), problems);
            if (body != null) {
                out.put(name, body);
            }
        }
        if (!node.has("apply")) {
            problems.add("request.apply", "required: the body of an application");
        }
        return out;
    }

    private static AnswerRule answer(JsonNode node, String key, Problems problems) {
        if (node == null || !node.isObject()) {
            problems.add(key, "expected {statuses, success, failure}");
            return null;
        }
        ChangeMapping.unknownKeys(node, key, Set.of("statuses", "success", "failure"), problems);
        Set<Integer> statuses = new LinkedHashSet<>();
        JsonNode st = node.get("statuses");
        if (st == null) {
            statuses.addAll(AnswerRule.DEFAULT.statuses());
        } else if (!st.isArray() || st.isEmpty()) {
            problems.add(key + ".statuses", "expected a list of HTTP statuses such as [200, 201]");
        } else {
            for (JsonNode s : st) {
                if (!s.canConvertToInt() || s.asInt() < 200 || s.asInt() > 299) {
                    problems.add(key + ".statuses", "'" + s.asText() + "' is not a 2xx HTTP status");
                } else {
                    statuses.add(s.asInt());
                }
            }
        }
        JsonPath successPath = null;
        List<Object> successValues = new ArrayList<>();
        JsonNode success = node.get("success");
        if (success != null) {
            ChangeMapping.unknownKeys(success, key + ".success", Set.of("path", "values"), problems);
            successPath = FeedPaths.path(success, "path", key + ".success", true, problems);
            JsonNode values = success.get("values");
            if (values == null || !values.isArray() || values.isEmpty()) {
                problems.add(key + ".success.values", "required: the values at the path that mean success, e.g. [true]");
            } else {
                values.forEach(v -> successValues.add(v.isTextual() ? v.asText() : v.toString()));
            }
        }
        JsonNode failure = node.get("failure");
        JsonPath code = null;
        JsonPath message = null;
        JsonPath retryAfter = null;
        List<String> retryable = new ArrayList<>();
        List<String> permanent = new ArrayList<>();
        if (failure != null) {
            if (success == null) {
                problems.add(key + ".failure", "needs success: without it every answer is a success");
            }
            ChangeMapping.unknownKeys(failure, key + ".failure", Set.of("code", "message", "retryable", "permanent",
                    "retryAfter"), problems);
            code = FeedPaths.path(failure, "code", key + ".failure", false, problems);
            message = FeedPaths.path(failure, "message", key + ".failure", false, problems);
            retryAfter = FeedPaths.path(failure, "retryAfter", key + ".failure", false, problems);
            codes(failure.get("retryable"), key + ".failure.retryable", retryable, problems);
            codes(failure.get("permanent"), key + ".failure.permanent", permanent, problems);
            if (!retryable.isEmpty() && code == null) {
                problems.add(key + ".failure.code", "required with retryable codes: the body path of the platform's code");
            }
        }
        return new AnswerRule(Set.copyOf(statuses), successPath, List.copyOf(successValues), code, message,
                List.copyOf(retryable), List.copyOf(permanent), retryAfter);
    }

    private static void codes(JsonNode node, String key, List<String> out, Problems problems) {
        if (node == null) {
            return;
        }
        if (!node.isArray()) {
            problems.add(key, "expected a list of codes; a trailing * matches a prefix, e.g. [\"E2*\"]");
            return;
        }
        node.forEach(c -> out.add(c.asText()));
    }
}
