package org.tongban.contracts.message;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.json.Canonicalizer;
import org.tongban.contracts.json.StrictJson;
import org.tongban.contracts.testing.SampleMessages;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Randomly damaged envelopes are either read or refused with a {@link ContractException}: no
 * parser, binder or runtime exception ever reaches the caller, whatever arrives on the wire.
 */
class EnvelopeMutationRobustnessTest {
    private static final int MUTATIONS_PER_TYPE = 3_000;

    /** Bytes that matter to a JSON tokenizer or to UTF-8 decoding. */
    private static final byte[][] TOKENS = bytesOf(
            "{", "}", "[", "]", "\"", "\\", ",", ":", "0", "-", "+", "e", "E", ".", "9", " ", "n", "t",
            "null", "true", "1e999", "-0", "\\u", "\\ud800", "\\u0000", "\"\":", "{}", "[]", "1.5",
            "99999999999999999999999", "\u00e9", "\u4fe1", "\ud83d\ude02");
    private static final byte[] RAW = {0x00, (byte) 0x80, (byte) 0xBF, (byte) 0xC0, (byte) 0xC3, (byte) 0xED,
            (byte) 0xEF, (byte) 0xF0, (byte) 0xF8, (byte) 0xFE, (byte) 0xFF, 0x1F, 0x7F};

    private static byte[][] bytesOf(String... texts) {
        byte[][] out = new byte[texts.length][];
        for (int i = 0; i < texts.length; i++) {
            out[i] = texts[i].getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }

    @Test
    void damaged_envelopes_are_read_or_refused_with_a_contract_exception() {
        Random rnd = new Random(20261120L);
        Map<MessageType, Envelope> samples = SampleMessages.everyType();
        int accepted = 0;
        Map<ErrorCode, Integer> refused = new EnumMap<>(ErrorCode.class);
        List<String> escapes = new ArrayList<>();

        for (Map.Entry<MessageType, Envelope> sample : samples.entrySet()) {
            byte[] original = sample.getValue().canonicalBytes();
            for (int n = 0; n < MUTATIONS_PER_TYPE; n++) {
                byte[] damaged = mutate(original, rnd);
                try {
                    JsonNode doc = StrictJson.defaults().parse(damaged);
                    try {
                        Canonicalizer.canonicalize(doc);
                    } catch (ContractException e) {
                        // Allowed: a parsed tree that has no canonical form is refused the same way.
                    }
                    Envelope.read(doc);
                    accepted++;
                } catch (ContractException e) {
                    assertThat(e.violations()).isNotEmpty();
                    refused.merge(e.code(), 1, Integer::sum);
                } catch (RuntimeException | StackOverflowError e) {
                    if (escapes.size() < 10) {
                        escapes.add(sample.getKey() + " #" + n + ": " + e + "\n    input: "
                                + new String(damaged, StandardCharsets.ISO_8859_1));
                    }
                }
            }
        }

        if (!escapes.isEmpty()) {
            fail("exceptions other than ContractException escaped:\n" + String.join("\n", escapes));
        }
        // The mutations must exercise both outcomes and many kinds of refusal to mean anything.
        assertThat(accepted).as("accepted mutations").isGreaterThan(100);
        assertThat(refused.values().stream().mapToInt(Integer::intValue).sum()).as("refused mutations").isGreaterThan(accepted);
        assertThat(refused).containsKeys(ErrorCode.JSON_MALFORMED, ErrorCode.FIELD_UNKNOWN, ErrorCode.FIELD_REQUIRED);
        assertThat(refused.size()).as("distinct refusal codes %s", refused.keySet()).isGreaterThanOrEqualTo(8);
    }

    /** One to three random edits: bit flips, byte replacements, truncations, insertions, deletions, copies. */
    private static byte[] mutate(byte[] in, Random rnd) {
        byte[] b = in;
        int edits = 1 + rnd.nextInt(3);
        for (int e = 0; e < edits; e++) {
            int pos = b.length == 0 ? 0 : rnd.nextInt(b.length);
            switch (rnd.nextInt(7)) {
                case 0: // flip one bit
                    if (b.length > 0) {
                        b = b.clone();
                        b[pos] ^= (byte) (1 << rnd.nextInt(8));
                    }
                    break;
                case 1: // replace a byte with a random or raw one
                    if (b.length > 0) {
                        b = b.clone();
                        b[pos] = rnd.nextBoolean() ? (byte) rnd.nextInt(256) : RAW[rnd.nextInt(RAW.length)];
                    }
                    break;
                case 2: // truncate
                    b = java.util.Arrays.copyOf(b, rnd.nextInt(b.length + 1));
                    break;
                case 3: // insert a token
                    b = splice(b, pos, 0, TOKENS[rnd.nextInt(TOKENS.length)]);
                    break;
                case 4: // insert random bytes
                    byte[] noise = new byte[1 + rnd.nextInt(4)];
                    rnd.nextBytes(noise);
                    b = splice(b, pos, 0, noise);
                    break;
                case 5: // delete a run
                    b = splice(b, pos, Math.min(b.length - pos, 1 + rnd.nextInt(12)), new byte[0]);
                    break;
                default: // copy a run elsewhere (repeats members, nests values)
                    if (b.length > 0) {
                        int from = rnd.nextInt(b.length);
                        int len = Math.min(b.length - from, 1 + rnd.nextInt(60));
                        b = splice(b, pos, 0, java.util.Arrays.copyOfRange(b, from, from + len));
                    }
            }
        }
        return b;
    }

    private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
        byte[] out = new byte[b.length - remove + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
        return out;
    }
}
