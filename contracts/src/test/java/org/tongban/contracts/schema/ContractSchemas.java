package org.tongban.contracts.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.AbsoluteIri;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;
import com.networknt.schema.resource.InputStreamSource;
import org.tongban.contracts.json.StrictJson;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

/**
 * The contract's JSON Schemas, compiled by a real draft 2020-12 validator (networknt) and
 * resolved from the class path only: {@code $id}s under {@link #BASE_URI} map to
 * {@link #RESOURCE_PATH}, the 2020-12 meta-schema comes from the validator's own jar, and any
 * other http(s) retrieval fails instead of reaching the network.
 */
final class ContractSchemas {
    static final String BASE_URI = "https://tongban.org/schema/credit-repair/1.0/";
    static final String RESOURCE_PATH = "org/tongban/contracts/schema/v1/";
    static final String META_SCHEMA = "https://json-schema.org/draft/2020-12/schema";

    static final String ENVELOPE = "envelope.schema.json";
    static final String COMMON = "common.schema.json";
    static final String DIRECTORY = "directory.schema.json";
    static final String KEY_FILE = "key-file.schema.json";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder
                    .schemaMappers(mappers -> mappers.mapPrefix(BASE_URI, "classpath:" + RESOURCE_PATH))
                    .schemaLoaders(loaders -> loaders.add(ContractSchemas::refuseNetwork)));

    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .regularExpressionFactory(EcmaAnchors.INSTANCE)
            .build();

    private static final Map<String, JsonSchema> COMPILED = new ConcurrentHashMap<>();

    private ContractSchemas() {
    }

    /** The compiled schema of a file of {@code schema/v1}, e.g. {@code envelope.schema.json}. */
    static JsonSchema schema(String file) {
        return COMPILED.computeIfAbsent(file, f -> {
            JsonSchema s = FACTORY.getSchema(SchemaLocation.of(BASE_URI + f), CONFIG);
            s.initializeValidators(); // resolve every $ref now, so a broken one fails here
            return s;
        });
    }

    /** A schema by any IRI, through the same mappers and loaders (for tests of the resolution itself). */
    static JsonSchema schemaAt(String iri) {
        return FACTORY.getSchema(SchemaLocation.of(iri), CONFIG);
    }

    /** The 2020-12 meta-schema, from the validator's jar. */
    static JsonSchema metaSchema() {
        return COMPILED.computeIfAbsent(META_SCHEMA, f -> FACTORY.getSchema(SchemaLocation.of(META_SCHEMA), CONFIG));
    }

    /** Violations of {@code instance} against a schema file, as readable lines; empty when valid. */
    static List<String> errors(String file, JsonNode instance) {
        return describe(schema(file).validate(instance));
    }

    static List<String> describe(Collection<ValidationMessage> messages) {
        return messages.stream().map(m -> m.getInstanceLocation() + " " + m.getMessage()).sorted().toList();
    }

    /** A schema resource as raw bytes, by its class-path resource path. */
    static byte[] resource(String file) {
        try (InputStream in = ContractSchemas.class.getClassLoader().getResourceAsStream(RESOURCE_PATH + file)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + RESOURCE_PATH + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A schema resource parsed strictly (duplicate keys and the like would fail here). */
    static JsonNode resourceTree(String file) {
        return StrictJson.defaults().parse(resource(file));
    }

    /** The file names listed in {@code index.json}. */
    static List<String> indexedFiles() {
        JsonNode index = resourceTree("index.json");
        return StreamSupport.stream(index.get("schemas").spliterator(), false)
                .map(s -> s.get("file").textValue()).toList();
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStreamSource refuseNetwork(AbsoluteIri iri) {
        String scheme = iri.getScheme();
        if ("http".equals(scheme) || "https".equals(scheme)) {
            return () -> {
                throw new IOException("schema " + iri + " is not on the class path; tests never fetch schemas from the network");
            };
        }
        return null;
    }

    /**
     * ECMA-262 patterns on {@code java.util.regex}. The two dialects agree on everything the
     * schemas use except {@code $}: in ECMA-262 it is the end of the input, in Java it also
     * matches before a final line terminator, which would let {@code "m1\n"} pass {@code ^...$}.
     * A final unescaped {@code $} is therefore read as Java's {@code \z}.
     */
    enum EcmaAnchors implements RegularExpressionFactory {
        INSTANCE;

        @Override
        public RegularExpression getRegularExpression(String regex) {
            Pattern p = Pattern.compile(javaForm(regex));
            return value -> p.matcher(value).find();
        }

        static String javaForm(String regex) {
            if (!regex.endsWith("$")) {
                return regex;
            }
            int backslashes = 0;
            for (int i = regex.length() - 2; i >= 0 && regex.charAt(i) == '\\'; i--) {
                backslashes++;
            }
            return backslashes % 2 == 0 ? regex.substring(0, regex.length() - 1) + "\\z" : regex;
        }
    }
}
