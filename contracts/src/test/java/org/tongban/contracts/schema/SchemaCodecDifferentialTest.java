package org.tongban.contracts.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.tongban.contracts.crypto.SignatureAlgorithm;
import org.tongban.contracts.directory.DirectoryMember;
import org.tongban.contracts.directory.DirectoryNode;
import org.tongban.contracts.directory.DirectorySignatures;
import org.tongban.contracts.directory.FederationDirectory;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.error.Violation;
import org.tongban.contracts.message.MessageType;
import org.tongban.contracts.testing.TestDirectory;
import org.tongban.contracts.testing.TestKeys;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tongban.contracts.schema.JsonEdits.NODES;

/**
 * Schema and codec give the same verdict on thousands of variants: every member and item of
 * every sample (envelopes of each type, signed ones, a directory, key files) is removed, nulled,
 * retyped, blanked, lengthened to each length limit and one past it, and so on. Only disagreements
 * that are documented gaps ({@link SchemaGapsTest}) are tolerated: the schema accepts and the
 * codec refuses with one of {@link #GAP_CODES}, e.g. a second attachment with the same id.
 */
class SchemaCodecDifferentialTest {

    /** Codes of codec rules the schema cannot express; see {@link SchemaGapsTest} for each rule. */
    private static final Set<ErrorCode> GAP_CODES = Set.of(ErrorCode.MESSAGE_INCONSISTENT,
            ErrorCode.DIRECTORY_INVALID, ErrorCode.KEY_INVALID);

    /**
     * Variants where the validator, not the schema, is wrong. networknt 1.5 compares an integer
     * instance with an integral {@code maximum} as Java longs, and 1e300 saturates to
     * Long.MAX_VALUE, so it passes {@code "maximum": 9223372036854775807}.
     */
    private static final Set<String> VALIDATOR_LIMITS = Set.of("directory /serial 1e300");

    /** Each length limit of the contract, and one past it. */
    private static final int[] LENGTHS = {1, 2, 3, 31, 32, 33, 63, 64, 65, 99, 100, 101, 127, 128, 199, 200, 201,
            254, 255, 256, 319, 320, 321, 499, 500, 501, 1999, 2000, 2001};

    /** The limits of free text, and one past them, to try with Chinese characters. */
    private static final int[] TEXT_LENGTHS = {100, 101, 200, 201, 500, 501, 2000, 2001};

    record Sample(String name, Codec codec, JsonNode document) {
    }

    record Mutation(String description, Consumer<ArrayNode> edit) {
    }

    @TestFactory
    Stream<DynamicTest> schema_and_codec_agree_on_every_mutation_of_every_sample() {
        return samples().map(s -> DynamicTest.dynamicTest(s.name(), () -> assertAgreement(s)));
    }

    static Stream<Sample> samples() {
        Stream<Sample> envelopes = Arrays.stream(MessageType.values())
                .map(t -> new Sample(t.wireName(), Codec.ENVELOPE, Examples.json(t)));
        Stream<Sample> signed = Arrays.stream(SignatureAlgorithm.values())
                .map(a -> new Sample("Receipt signed with " + a, Codec.ENVELOPE, Examples.signedJson(MessageType.RECEIPT, a)));
        Stream<Sample> keys = Arrays.stream(SignatureAlgorithm.values())
                .map(a -> new Sample("key file " + a, Codec.KEY_FILE, TestKeys.member("230100", a).toJson()));
        return Stream.of(envelopes, signed, keys, Stream.of(new Sample("directory", Codec.DIRECTORY, smallDirectory())))
                .flatMap(s -> s);
    }

    /** Two members on two of three nodes, one node with pinned certificates: every kind of directory member, small. */
    private static JsonNode smallDirectory() {
        FederationDirectory full = TestDirectory.unsigned();
        List<DirectoryNode> nodes = new ArrayList<>(full.nodes());
        nodes.set(0, new DirectoryNode("north", URI.create("https://north.tongban.test:8443"),
                List.of("5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef")));
        List<DirectoryMember> members = List.of(full.member(TestDirectory.HARBIN).orElseThrow(),
                full.member(TestDirectory.HANGZHOU).orElseThrow());
        FederationDirectory small = new FederationDirectory(full.federation(), full.serial(), full.issuedAt(),
                full.validUntil(), nodes, members, null);
        return DirectorySignatures.sign(small, TestKeys.anchorKey().signer()).toJson();
    }

    private static void assertAgreement(Sample sample) {
        assertThat(ContractSchemas.errors(sample.codec().schemaFile(), sample.document())).as("sample itself").isEmpty();
        assertThat(sample.codec().violations(sample.document())).as("sample itself").isEmpty();
        List<String> disagreements = new ArrayList<>();
        int checked = 0;
        for (String pointer : JsonEdits.pointers(sample.document())) {
            for (Mutation m : mutations(sample.document().at(pointer))) {
                JsonNode doc = sample.document().deepCopy();
                applyAt(doc, pointer, m);
                if (pointer.startsWith("/payload/notices")) {
                    JsonEdits.reroot(doc);
                }
                checked++;
                List<String> schemaErrors = ContractSchemas.errors(sample.codec().schemaFile(), doc);
                List<Violation> violations = sample.codec().violations(doc);
                boolean schemaAccepts = schemaErrors.isEmpty();
                boolean codecAccepts = violations.isEmpty();
                boolean documentedGap = schemaAccepts && !codecAccepts
                        && GAP_CODES.containsAll(Codec.codes(violations));
                boolean validatorLimit = VALIDATOR_LIMITS.contains(sample.name() + " " + pointer + " " + m.description());
                if (schemaAccepts != codecAccepts && !documentedGap && !validatorLimit) {
                    disagreements.add(pointer + " " + m.description() + ": schema "
                            + (schemaAccepts ? "accepts" : "refuses " + schemaErrors) + ", codec "
                            + (codecAccepts ? "accepts" : "refuses " + violations));
                }
            }
        }
        assertThat(checked).isGreaterThan(100);
        assertThat(disagreements).as("%d variants checked", checked).isEmpty();
    }

    /**
     * Applies a mutation to the node at {@code pointer}. Mutations edit a holder, an array whose one
     * item stands for the node; an empty holder afterwards means the node is removed.
     */
    private static void applyAt(JsonNode doc, String pointer, Mutation m) {
        ArrayNode holder = NODES.arrayNode().add(doc.at(pointer).deepCopy());
        m.edit().accept(holder);
        if (holder.isEmpty()) {
            JsonEdits.remove(doc, pointer);
        } else {
            JsonEdits.set(doc, pointer, holder.get(0));
        }
    }

    private static List<Mutation> mutations(JsonNode original) {
        List<Mutation> out = new ArrayList<>();
        out.add(replaceWith("removed", null));
        out.add(replaceWith("null", NODES.nullNode()));
        out.add(replaceWith("42", NODES.numberNode(42)));
        out.add(replaceWith("1.5", NODES.numberNode(1.5)));
        out.add(replaceWith("true", NODES.booleanNode(true)));
        out.add(replaceWith("[]", NODES.arrayNode()));
        out.add(replaceWith("{}", NODES.objectNode()));
        out.add(replaceWith("\"\"", NODES.textNode("")));
        if (original.isTextual()) {
            String s = original.textValue();
            out.add(replaceWith("three spaces", NODES.textNode("   ")));
            out.add(replaceWith("ideographic space", NODES.textNode("\u3000")));
            out.add(replaceWith("no-break space", NODES.textNode("\u00a0")));
            for (int n : LENGTHS) {
                out.add(replaceWith(n + " x", NODES.textNode("x".repeat(n))));
            }
            for (int n : TEXT_LENGTHS) {
                out.add(replaceWith(n + " 字", NODES.textNode("字".repeat(n))));
            }
            out.add(replaceWith("with a line feed", NODES.textNode(s + "\n")));
            out.add(replaceWith("with a leading space", NODES.textNode(" " + s)));
            out.add(replaceWith("one character longer", NODES.textNode(s + s.charAt(s.length() - 1))));
            out.add(replaceWith("first character dropped", NODES.textNode(s.substring(1))));
            out.add(replaceWith("upper case", NODES.textNode(s.toUpperCase())));
            out.add(replaceWith("lower case", NODES.textNode(s.toLowerCase())));
        }
        if (original.isNumber()) {
            long v = original.longValue();
            for (long n : new long[]{0, -1, v + 1, 64L * 1024 * 1024, 64L * 1024 * 1024 + 1, Long.MAX_VALUE}) {
                out.add(replaceWith(Long.toString(n), NODES.numberNode(n)));
            }
            out.add(replaceWith(v + ".0", NODES.numberNode((double) v)));
            out.add(replaceWith("1e300", NODES.numberNode(1e300)));
            out.add(replaceWith("as a string", NODES.textNode(Long.toString(v))));
        }
        if (original.isBoolean()) {
            out.add(replaceWith("negated", NODES.booleanNode(!original.booleanValue())));
            out.add(replaceWith("as a string", NODES.textNode(original.asText())));
        }
        if (original.isObject()) {
            out.add(new Mutation("with an unknown member", h -> ((ObjectNode) h.get(0)).put("zz", 1)));
        }
        if (original.isArray() && !original.isEmpty()) {
            out.add(new Mutation("first item repeated", h -> ((ArrayNode) h.get(0)).add(h.get(0).get(0).deepCopy())));
            out.add(new Mutation("first item only", h -> {
                ArrayNode a = (ArrayNode) h.get(0);
                while (a.size() > 1) {
                    a.remove(1);
                }
            }));
        }
        return out;
    }

    /** A mutation that replaces the node, or removes it when {@code value} is null. */
    private static Mutation replaceWith(String description, JsonNode value) {
        return new Mutation(description, holder -> {
            ((ArrayNode) holder).removeAll();
            if (value != null) {
                ((ArrayNode) holder).add(value.deepCopy());
            }
        });
    }
}
