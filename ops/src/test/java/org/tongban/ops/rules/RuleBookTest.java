package org.tongban.ops.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.contracts.message.PenaltyCategory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuleBookTest {
    @TempDir
    Path dir;

    @Test
    void ships_the_three_rule_sets_of_the_domain_table() {
        RuleBook book = RuleBook.shipped();
        assertThat(book.ruleSets()).extracting(RuleSet::id).containsExactly("cn-2019", "cn-2023", "cn-2025");
        PublicityRule serious2019 = book.ruleSet("cn-2019").orElseThrow().rule(PenaltyCategory.SERIOUS).orElseThrow();
        assertThat(serious2019.minPublicityMonths()).isEqualTo(6);
        assertThat(serious2019.maxPublicityMonths()).isEqualTo(36);
        assertThat(serious2019.source()).contains("527号");
        PublicityRule specific = book.ruleSet("cn-2019").orElseThrow().rule(PenaltyCategory.SPECIFIC_SERIOUS).orElseThrow();
        assertThat(specific.repairableBeforeMax()).isFalse();
        assertThat(specific.categoryZh()).isEqualTo("特定严重");
        assertThat(book.ruleSet("cn-2023").orElseThrow().rule(PenaltyCategory.GENERAL).orElseThrow().verified()).isFalse();
    }

    @Test
    void a_configured_file_replaces_a_whole_rule_set_and_adds_new_ones() throws Exception {
        Path f = write("local.csv", RuleBook.HEADER + "\n"
                + "# a stricter local reading, and a future national set\n"
                + "cn-2025,2026-04-01,一般,GENERAL,6,12,yes,yes,test: local reading, with a comma\n"
                + "cn-2030,2030-01-01,一般,GENERAL,1,6,yes,no,test\n");
        RuleBook book = RuleBook.load(List.of(f));

        RuleSet replaced = book.ruleSet("cn-2025").orElseThrow();
        assertThat(replaced.rule(PenaltyCategory.GENERAL).orElseThrow().minPublicityMonths()).isEqualTo(6);
        assertThat(replaced.rule(PenaltyCategory.GENERAL).orElseThrow().source()).isEqualTo("test: local reading, with a comma");
        assertThat(replaced.rule(PenaltyCategory.SERIOUS)).as("the file's set replaces the shipped one whole").isEmpty();
        assertThat(book.ruleSetFor(LocalDate.of(2030, 6, 1)).orElseThrow().id()).isEqualTo("cn-2030");
        assertThat(book.ruleSetFor(LocalDate.of(2029, 12, 31)).orElseThrow().id()).isEqualTo("cn-2025");
    }

    @Test
    void bad_lines_are_refused_with_the_file_and_line() throws Exception {
        assertRefused(RuleBook.HEADER + "\ncn-2030,2030-01-01,一般,GENERAL,13,12,yes,yes,x\n", "line 2", "exceeds");
        assertRefused(RuleBook.HEADER + "\ncn-2030,2030-01-01,一般,OTHER,1,12,yes,yes,x\n", "line 2", "OTHER");
        assertRefused(RuleBook.HEADER + "\ncn-2030,2030-01-01,一般,GENERAL,1,12,maybe,yes,x\n", "line 2", "yes or no");
        assertRefused(RuleBook.HEADER + "\n\ncn-2030,2030-02-30,一般,GENERAL,1,12,yes,yes,x\n", "line 3", "not a date");
        assertRefused(RuleBook.HEADER + "\ncn-2030,2030-01-01,一般,GENERAL,1,12\n", "line 2", "9 comma-separated");
        assertRefused(RuleBook.HEADER + "\ncn-2030,2030-01-01,一般,GENERAL,1,12,yes,yes,x\n"
                + "cn-2030,2030-02-01,严重,SERIOUS,12,36,yes,yes,x\n", "line 3", "takes effect on 2030-01-01");
        assertRefused(RuleBook.HEADER + "\ncn-2030,2030-01-01,一般,GENERAL,1,12,yes,yes,x\n"
                + "cn-2030,2030-01-01,一般,GENERAL,1,12,yes,yes,x\n", "line 3", "twice");
        assertRefused("rule_set,category\n", "header", "rule_set,effective_from");
        assertRefused(RuleBook.HEADER + "\nxx-2026,2026-04-01,一般,GENERAL,1,12,yes,yes,x\n", "", "both take effect on 2026-04-01");
    }

    private void assertRefused(String csv, String where, String what) throws Exception {
        Path f = write("bad.csv", csv);
        assertThatThrownBy(() -> RuleBook.load(List.of(f))).isInstanceOf(RulesFormatException.class)
                .hasMessageContaining(where).hasMessageContaining(what);
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }
}
