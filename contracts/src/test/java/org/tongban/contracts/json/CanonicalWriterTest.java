package org.tongban.contracts.json;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.id.CreditCode;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.message.Enterprise;
import org.tongban.contracts.message.PenaltyCategory;
import org.tongban.contracts.message.PenaltyNotice;
import org.tongban.contracts.message.PenaltyReference;

import java.time.LocalDate;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CanonicalWriterTest {
    /** Characters that exercise every branch of string escaping: controls, quotes, non-ASCII, surrogates. */
    private static final String[] PIECES = {"a", "Z", "0", " ", "\"", "\\", "/", "\b", "\f", "\n", "\r", "\t", "\u0000",
        "\u001f", "\u007f", "\u0080", "é", "生", "罚〔2026〕", "号", "\u2028", "\u2029", "\ud83d\ude00", "\ud800", "\udfff",
        "\ufeff", "\uffff"};

    private static final String[] DIVISIONS = {"330100", "230100", "120000", "310000", "440300"};

    private static String randomText(Random r, int max) {
        StringBuilder s = new StringBuilder();
        int n = 1 + r.nextInt(max);
        for (int i = 0; i < n; i++) {
            s.append(PIECES[r.nextInt(PIECES.length)]);
        }
        return s.toString();
    }

    private static PenaltyNotice randomNotice(Random r) {
        String first17 = "91" + DIVISIONS[r.nextInt(DIVISIONS.length)] + String.format("%09d", r.nextInt(1_000_000_000));
        Enterprise enterprise = new Enterprise(CreditCode.of(first17 + CreditCode.checkCharacter(first17)), randomText(r, 12));
        LocalDate decided = LocalDate.of(2000, 1, 1).plusDays(r.nextInt(20_000));
        PenaltyReference penalty = new PenaltyReference(randomText(r, 20), randomText(r, 10),
                MemberId.of(DIVISIONS[r.nextInt(DIVISIONS.length)]), decided,
                PenaltyCategory.values()[r.nextInt(PenaltyCategory.values().length)], randomText(r, 6));
        return new PenaltyNotice(enterprise, penalty, r.nextBoolean() ? null : randomText(r, 30),
                r.nextBoolean() ? null : decided.plusDays(r.nextInt(30)));
    }

    /** The canonical bytes as hex, or the error that refused them (a lone surrogate has no canonical form). */
    private static String outcome(java.util.function.Supplier<byte[]> canonical) {
        try {
            return java.util.HexFormat.of().formatHex(canonical.get());
        } catch (ContractException e) {
            return e.code() + ": " + e.getMessage();
        }
    }

    @Test
    void a_notice_written_directly_has_the_bytes_its_tree_canonicalizes_to() {
        Random r = new Random(20261122);
        int refused = 0;
        for (int i = 0; i < 5_000; i++) {
            PenaltyNotice n = randomNotice(r);
            String direct = outcome(n::canonicalBytes);
            assertThat(direct).as("notice %d: %s", i, n).isEqualTo(outcome(() -> Canonicalizer.canonicalize(n.toJson())));
            refused += direct.startsWith("JSON_INVALID_UNICODE") ? 1 : 0;
        }
        // both kinds of notice were met: written ones and ones refused for a lone surrogate
        assertThat(refused).isBetween(500, 4_500);
    }

    @Test
    void null_values_leave_their_members_out_and_nested_objects_close_in_place() {
        byte[] written = new CanonicalWriter(16).begin().string("a", null).object("b").string("c", "1").end()
                .text("d", 7).constant("e", PenaltyCategory.SERIOUS).string("f", null).end().toByteArray();

        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        tree.putObject("b").put("c", "1");
        tree.put("d", "7");
        tree.put("e", "SERIOUS");
        assertThat(new String(written, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("{\"b\":{\"c\":\"1\"},\"d\":\"7\",\"e\":\"SERIOUS\"}");
        assertThat(written).isEqualTo(Canonicalizer.canonicalize(tree));
    }

    @Test
    void members_out_of_canonical_order_are_refused() {
        CanonicalWriter w = new CanonicalWriter(16).begin().string("b", "1");
        assertThatThrownBy(() -> w.string("a", "2")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'a' after 'b'");
        CanonicalWriter same = new CanonicalWriter(16).begin().string("b", "1");
        assertThatThrownBy(() -> same.string("b", "2")).isInstanceOf(IllegalStateException.class);
        // UTF-16 order, not code point order: U+FF61 sorts after a surrogate pair (U+1F600)
        assertThat(new CanonicalWriter(16).begin().string("\ud83d\ude00", "x").string("\uff61", "y").end().toByteArray())
                .isNotEmpty();
        // the empty name is a name like any other
        assertThat(new String(new CanonicalWriter(16).begin().string("", "x").string("a", "y").end().toByteArray(),
                java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("{\"\":\"x\",\"a\":\"y\"}");
    }

    @Test
    void an_unfinished_object_gives_no_bytes() {
        assertThatThrownBy(() -> new CanonicalWriter(16).begin().object("a").end().toByteArray())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new CanonicalWriter(16).toByteArray()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new CanonicalWriter(16).begin().end().end()).isInstanceOf(IllegalStateException.class);
    }
}
