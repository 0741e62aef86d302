package org.tongban.adapters.declarative;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Arrays;
import java.util.Set;

/**
 * How a mapping's platform authenticates calls. The credentials themselves are adapter settings,
 * always by the same names, never in the mapping file: {@code apiKey} (api-key), {@code username}
 * and {@code password} (basic), {@code clientId}, {@code clientSecret} and optionally {@code scope}
 * (oauth2-client-credentials).
 *
 * @param header   api-key: the header that carries the key
 * @param prefix   api-key: text before the key in that header (e.g. {@code APPCODE }), or empty
 * @param tokenUrl oauth2-client-credentials: the token endpoint's URL template ({@code {baseUrl}} allowed)
 */
record AuthSpec(Type type, String header, String prefix, UrlTemplate tokenUrl) {
    enum Type {
        NONE("none"), API_KEY("api-key"), BASIC("basic"), OAUTH2_CLIENT_CREDENTIALS("oauth2-client-credentials");

        final String key;

        Type(String key) {
            this.key = key;
        }
    }

    static AuthSpec parse(JsonNode node, Problems problems) {
        if (node == null) {
            return new AuthSpec(Type.NONE, null, "", null);
        }
        String types = Arrays.stream(Type.values()).map(t -> t.key).toList().toString();
        if (!node.isObject() || !node.path("type").isTextual()) {
            problems.add("auth.type", "required: one of " + types);
            return null;
        }
        Type type = Arrays.stream(Type.values()).filter(t -> t.key.equals(node.get("type").asText())).findFirst().orElse(null);
        if (type == null) {
            problems.add("auth.type", "'" + node.get("type").asText() + "' is none of " + types);
            return null;
        }
        switch (type) {
            case API_KEY: {
                ChangeMapping.unknownKeys(node, "auth", Set.of("type", "header", "prefix"), problems);
                JsonNode header = node.get("header");
                if (header == null || !header.isTextual() || !header.asText().matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
                    problems.add("auth.header", "required for api-key: the name of the header carrying the key");
                    return null;
                }
                JsonNode prefix = node.get("prefix");
                return new AuthSpec(type, header.asText(), prefix == null ? "" : prefix.asText(), null);
            }
            case OAUTH2_CLIENT_CREDENTIALS: {
                ChangeMapping.unknownKeys(node, "auth", Set.of("type", "tokenUrl"), problems);
                JsonNode url = node.get("tokenUrl");
                if (url == null || !url.isTextual()) {
                    problems.add("auth.tokenUrl", "required for oauth2-client-credentials: the token endpoint, "
                            + "e.g. {baseUrl}/oauth/token");
                    return null;
                }
                UrlTemplate t = UrlTemplate.parse(url.asText(), "auth.tokenUrl", java.util.List.of("baseUrl"), problems);
                return t == null ? null : new AuthSpec(type, null, "", t);
            }
            default:
                ChangeMapping.unknownKeys(node, "auth", Set.of("type"), problems);
                return new AuthSpec(type, null, "", null);
        }
    }
}
