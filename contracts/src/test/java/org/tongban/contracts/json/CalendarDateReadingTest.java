package org.tongban.contracts.json;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.tongban.contracts.error.ErrorCode;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calendar dates ({@code YYYY-MM-DD}) are read field by field instead of through a pattern and
 * {@link LocalDate#parse}; the answers must be exactly those of the pattern and the parser, for
 * real dates, impossible ones, and text that only looks like a date.
 */
class CalendarDateReadingTest {
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /** What the reader answered before: null and the error code for text that is not a real date. */
    private record Answer(LocalDate date, ErrorCode problem) {
    }

    private static Answer byPatternAndParser(String text) {
        if (!DATE.matcher(text).matches()) {
            return new Answer(null, ErrorCode.DATE_INVALID);
        }
        try {
            return new Answer(LocalDate.parse(text), null);
        } catch (DateTimeException e) {
            return new Answer(null, ErrorCode.DATE_INVALID);
        }
    }

    private static Answer byReader(String text) {
        ObjectNode node = JsonNodeFactory.instance.objectNode().put("decisionDate", text);
        ReadContext ctx = ReadContext.strict();
        LocalDate read = JsonObjectReader.of(node, "", ctx).date("decisionDate");
        return new Answer(read, ctx.violations().isEmpty() ? null : ctx.violations().get(0).code());
    }

    @Test
    void every_day_of_leap_and_common_years_and_their_impossible_neighbours_read_as_before() {
        List<String> texts = new ArrayList<>();
        for (String year : List.of("0000", "1900", "2000", "2024", "2025", "2026", "2100", "9999")) {
            for (int month = 0; month <= 13; month++) {
                for (int day = 0; day <= 32; day++) {
                    texts.add(String.format("%s-%02d-%02d", year, month, day));
                }
            }
        }
        for (String text : texts) {
            assertThat(byReader(text)).as(text).isEqualTo(byPatternAndParser(text));
        }
        assertThat(byReader("2024-02-29").date()).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(byReader("2026-02-29").problem()).isEqualTo(ErrorCode.DATE_INVALID);
    }

    @Test
    void text_that_only_looks_like_a_date_is_refused_as_before() {
        List<String> texts = new ArrayList<>(List.of("", "2026-1-05", "2026-01-5", "20260105", "2026/01/05",
                "2026-01-05 ", " 2026-01-05", "2026-01-05T00:00", "+2026-01-05", "-2026-01-05", "2026-0a-05",
                "２０２６-01-05", "٢٠٢٦-01-05", "2026−01−05", "2026-01-0５"));
        Random random = new Random(20261121);
        char[] alphabet = "0123456789-+ /a٣０".toCharArray();
        for (int i = 0; i < 20_000; i++) {
            char[] text = "2026-11-21".toCharArray();
            for (int k = 0, changes = 1 + random.nextInt(3); k < changes; k++) {
                text[random.nextInt(text.length)] = alphabet[random.nextInt(alphabet.length)];
            }
            texts.add(new String(text));
        }
        for (String text : texts) {
            assertThat(byReader(text)).as(text).isEqualTo(byPatternAndParser(text));
        }
    }
}
