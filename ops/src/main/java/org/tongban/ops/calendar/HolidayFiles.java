package org.tongban.ops.calendar;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads holiday notices in the holiday-cn format (MIT licence, see {@code LICENSE.upstream} beside
 * the shipped files): {@code {"year": 2026, "papers": [...], "days": [{"name", "date", "isOffDay"}]}}.
 * The shipped years are resources of this package; further years come from files.
 */
public final class HolidayFiles {
    /** The years shipped with this build, as resources {@code org/tongban/ops/calendar/YYYY.json}. */
    public static final List<Integer> SHIPPED_YEARS = List.of(2024, 2025, 2026);
    private static final String RESOURCES = "/org/tongban/ops/calendar/";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private HolidayFiles() {
    }

    /** The notices shipped with this build. */
    public static List<HolidayYear> shipped() {
        List<HolidayYear> out = new ArrayList<>();
        for (int year : SHIPPED_YEARS) {
            String name = RESOURCES + year + ".json";
            try (InputStream in = HolidayFiles.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("the build lost the resource " + name);
                }
                HolidayYear y = parse(in.readAllBytes(), "resource " + name);
                if (y.year() != year) {
                    throw new IllegalStateException(name + " holds year " + y.year());
                }
                out.add(y);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + name, e);
            }
        }
        return out;
    }

    /** Reads one notice file. */
    public static HolidayYear read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CalendarFormatException("cannot read holiday file " + file + ": " + e.getMessage(), e);
        }
        return parse(bytes, file.toString());
    }

    /** Parses one notice; {@code origin} names it in messages. */
    public static HolidayYear parse(byte[] json, String origin) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new CalendarFormatException(origin + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new CalendarFormatException("cannot read " + origin + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new CalendarFormatException(origin + " must hold a JSON object with year, papers and days");
        }
        JsonNode year = root.get("year");
        if (year == null || !year.canConvertToInt() || !year.isIntegralNumber()) {
            throw new CalendarFormatException(origin + ": \"year\" must be a whole number such as 2027");
        }
        JsonNode days = root.get("days");
        if (days == null || !days.isArray()) {
            throw new CalendarFormatException(origin + ": \"days\" must be an array of {name, date, isOffDay}");
        }
        Map<LocalDate, Boolean> map = new LinkedHashMap<>();
        for (int i = 0; i < days.size(); i++) {
            JsonNode d = days.get(i);
            String at = origin + ": days[" + i + "]";
            if (!d.isObject() || !d.path("date").isTextual() || !d.path("isOffDay").isBoolean()) {
                throw new CalendarFormatException(at + " needs \"date\" (YYYY-MM-DD) and \"isOffDay\" (true or false)");
            }
            LocalDate date;
            try {
                date = LocalDate.parse(d.get("date").asText());
            } catch (DateTimeException e) {
                throw new CalendarFormatException(at + ": '" + d.get("date").asText() + "' is not a date YYYY-MM-DD", e);
            }
            if (map.put(date, d.get("isOffDay").asBoolean()) != null) {
                throw new CalendarFormatException(at + ": " + date + " is listed twice");
            }
        }
        List<String> papers = new ArrayList<>();
        root.path("papers").forEach(p -> papers.add(p.asText()));
        return new HolidayYear(year.asInt(), map, papers, origin);
    }
}
