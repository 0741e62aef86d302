package org.tongban.gateway.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads the node configuration: built-in defaults, then the YAML file, then environment
 * variables {@code TONGBAN_<PATH>} (e.g. {@code TONGBAN_STORE_URL},
 * {@code TONGBAN_LISTEN_FEDERATION_PORT}, {@code TONGBAN_MEMBERS_0_ID}), bound strictly to
 * {@link NodeConfig}. Relative paths are taken relative to the file's directory.
 */
public final class ConfigLoader {
    private static final String DEFAULTS = "/org/tongban/gateway/config/defaults.yaml";
    private static final String ENV_PREFIX = "TONGBAN_";
    /** The one {@link NodeConfig} component that is not configuration but where it was read from. */
    private static final String BASE_DIR = "baseDir";

    private ConfigLoader() {
    }

    public static NodeConfig load(Path file, Map<String, String> env) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("configuration file " + file.toAbsolutePath() + " does not exist");
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        ObjectNode tree;
        try (InputStream defaults = ConfigLoader.class.getResourceAsStream(DEFAULTS)) {
            tree = (ObjectNode) yaml.readTree(defaults);
            JsonNode user = yaml.readTree(file.toFile());
            if (user != null && !user.isMissingNode() && !user.isNull()) {
                if (!user.isObject()) {
                    throw new ConfigException(file + " must hold a YAML mapping at the top level");
                }
                merge(tree, (ObjectNode) user);
            }
        } catch (JsonProcessingException e) {
            throw new ConfigException(file + " is not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage());
        }
        if (tree.has(BASE_DIR)) {
            throw new ConfigException("unknown key '" + BASE_DIR + "' at the top level: the directory of the configuration"
                    + " file is where relative paths resolve, it cannot be set");
        }
        List<String> applied = applyEnvironment(tree, env);
        Path base = file.toAbsolutePath().getParent();
        NodeConfig config = bind(tree, base, applied).withBaseDir(base);
        ConfigValidator.validate(config);
        return config;
    }

    /** The environment variable that overrides a dotted path, e.g. store.url → TONGBAN_STORE_URL. */
    public static String envName(String dottedPath) {
        StringBuilder sb = new StringBuilder(ENV_PREFIX);
        for (int i = 0; i < dottedPath.length(); i++) {
            char c = dottedPath.charAt(i);
            if (c == '.') {
                sb.append('_');
            } else if (Character.isUpperCase(c)) {
                sb.append('_').append(c);
            } else {
                sb.append(Character.toUpperCase(c));
            }
        }
        return sb.toString();
    }

    private static NodeConfig bind(ObjectNode tree, Path base, List<String> applied) {
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(new SimpleModule().addDeserializer(Path.class, new PathDeserializer(base))
                        .addDeserializer(Duration.class, new DurationDeserializer()))
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        try {
            return mapper.treeToValue(tree, NodeConfig.class);
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            throw new ConfigException("unknown key '" + e.getPropertyName() + "' at " + where(e)
                    + (known.isEmpty() ? "" : "; the keys allowed there are: " + known));
        } catch (InvalidFormatException e) {
            throw new ConfigException(where(e) + ": '" + e.getValue() + "' is not a valid "
                    + friendly(e.getTargetType()) + envNote(e, applied));
        } catch (JsonMappingException e) {
            throw new ConfigException(where(e) + ": " + e.getOriginalMessage() + envNote(e, applied));
        } catch (JsonProcessingException e) {
            throw new ConfigException("configuration cannot be read: " + e.getOriginalMessage());
        }
    }

    private static String envNote(JsonMappingException e, List<String> applied) {
        String name = envName(where(e).replaceAll("\\[(\\d+)]", ".$1"));
        return applied.contains(name) ? " (value from environment variable " + name + ")" : "";
    }

    private static String where(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "the top level" : sb.toString();
    }

    private static String friendly(Class<?> type) {
        if (type == Duration.class) {
            return "duration (write e.g. 30s, 5m, 2h, 3d or ISO-8601 PT30S)";
        }
        if (type.isEnum()) {
            return "value; choose one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (type == Integer.class || type == int.class) {
            return "whole number";
        }
        return type.getSimpleName();
    }

    private static void merge(ObjectNode target, ObjectNode source) {
        for (Iterator<Map.Entry<String, JsonNode>> it = source.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode existing = target.get(e.getKey());
            if (existing instanceof ObjectNode && e.getValue() instanceof ObjectNode) {
                merge((ObjectNode) existing, (ObjectNode) e.getValue());
            } else {
                target.set(e.getKey(), e.getValue());
            }
        }
    }

    /** Sets every scalar path that has an environment variable; returns the names applied. */
    private static List<String> applyEnvironment(ObjectNode tree, Map<String, String> env) {
        List<String> applied = new ArrayList<>();
        walk(NodeConfig.class, "", tree, env, applied);
        return applied;
    }

    private static void walk(Class<?> type, String prefix, ObjectNode node, Map<String, String> env, List<String> applied) {
        for (RecordComponent c : type.getRecordComponents()) {
            if (type == NodeConfig.class && BASE_DIR.equals(c.getName())) {
                continue;
            }
            String path = prefix.isEmpty() ? c.getName() : prefix + "." + c.getName();
            Class<?> t = c.getType();
            if (t.isRecord()) {
                JsonNode child = node.get(c.getName());
                ObjectNode obj = child instanceof ObjectNode ? (ObjectNode) child : null;
                if (obj == null) {
                    obj = node.objectNode();
                    walk(t, path, obj, env, applied);
                    if (obj.size() > 0) {
                        node.set(c.getName(), obj);
                    }
                } else {
                    walk(t, path, obj, env, applied);
                }
            } else if (t == List.class && elementType(c.getGenericType()) instanceof Class<?>
                    && ((Class<?>) elementType(c.getGenericType())).isRecord()) {
                JsonNode list = node.get(c.getName());
                if (list instanceof ArrayNode) {
                    for (int i = 0; i < list.size(); i++) {
                        if (list.get(i) instanceof ObjectNode) {
                            walk((Class<?>) elementType(c.getGenericType()), path + "." + i, (ObjectNode) list.get(i), env,
                                    applied);
                        }
                    }
                }
            } else if (t != JsonNode.class && t != List.class) {
                String name = envName(path);
                String value = env.get(name);
                if (value != null) {
                    node.put(c.getName(), value);
                    applied.add(name);
                }
            }
        }
    }

    private static Type elementType(Type generic) {
        return generic instanceof ParameterizedType ? ((ParameterizedType) generic).getActualTypeArguments()[0] : null;
    }

    /** Resolves relative paths against the configuration file's directory. */
    private static final class PathDeserializer extends JsonDeserializer<Path> {
        private final Path base;

        PathDeserializer(Path base) {
            this.base = base;
        }

        @Override
        public Path deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            if (text == null || text.isBlank()) {
                throw JsonMappingException.from(p, "a path must not be empty");
            }
            Path path = Path.of(text);
            return path.isAbsolute() ? path.normalize() : base.resolve(path).normalize();
        }
    }

    /** Durations as ISO-8601 (PT30S) or short forms: 500ms, 30s, 5m, 2h, 3d. */
    static final class DurationDeserializer extends JsonDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            Duration d = parse(text);
            if (d == null) {
                throw InvalidFormatException.from(p, "not a duration", text, Duration.class);
            }
            return d;
        }

        static Duration parse(String text) {
            if (text == null) {
                return null;
            }
            String t = text.trim().toLowerCase(Locale.ROOT);
            try {
                if (t.startsWith("p")) {
                    return Duration.parse(t.toUpperCase(Locale.ROOT));
                }
                if (t.endsWith("ms")) {
                    return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).trim()));
                }
                long n = Long.parseLong(t.substring(0, t.length() - 1).trim());
                switch (t.charAt(t.length() - 1)) {
                    case 's': return Duration.ofSeconds(n);
                    case 'm': return Duration.ofMinutes(n);
                    case 'h': return Duration.ofHours(n);
                    case 'd': return Duration.ofDays(n);
                    default: return null;
                }
            } catch (RuntimeException e) {
                return null;
            }
        }
    }
}
