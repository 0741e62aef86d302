package org.tongban.ops.rules;

import org.tongban.contracts.message.PenaltyCategory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every rule set the node knows, as data: the sets shipped with this build
 * ({@value #RESOURCE}, a copy of {@code domain/publicity-rules.csv}) and those of configured
 * files in the same format. A file that names a rule set replaces that whole set, so a set is
 * always one consistent version; new ids add sets. Immutable.
 *
 * <p>The format: a header line
 * {@value #HEADER}, then one line per (rule set, category); {@code yes}/{@code no} for the flags;
 * the last column (source) may contain commas; blank lines and lines starting with {@code #} are
 * skipped.
 */
public final class RuleBook {
    public static final String RESOURCE = "/org/tongban/ops/rules/publicity-rules.csv";
    public static final String HEADER = "rule_set,effective_from,category_zh,category,min_publicity_months,"
            + "max_publicity_months,repairable_before_max,verified,source";
    private static final int COLUMNS = 9;

    private final List<RuleSet> byDate;
    private final Map<String, RuleSet> byId;

    private RuleBook(Map<String, RuleSet> sets) {
        List<RuleSet> sorted = new ArrayList<>(sets.values());
        sorted.sort(Comparator.comparing(RuleSet::effectiveFrom));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).effectiveFrom().equals(sorted.get(i - 1).effectiveFrom())) {
                throw new RulesFormatException("rule sets " + sorted.get(i - 1).id() + " and " + sorted.get(i).id()
                        + " both take effect on " + sorted.get(i).effectiveFrom() + "; which applies would be ambiguous");
            }
        }
        this.byDate = List.copyOf(sorted);
        this.byId = Map.copyOf(sets);
    }

    /** The rule sets shipped with this build. */
    public static RuleBook shipped() {
        return new RuleBook(parse(shippedText(), "resource " + RESOURCE));
    }

    /** The shipped rule sets, each replaced or joined by the sets of {@code files}, in order. */
    public static RuleBook load(List<Path> files) {
        Map<String, RuleSet> sets = new LinkedHashMap<>(parse(shippedText(), "resource " + RESOURCE));
        for (Path f : files) {
            String text;
            try {
                text = Files.readString(f, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new RulesFormatException("cannot read rules file " + f + ": " + e.getMessage(), e);
            }
            sets.putAll(parse(text, f.toString()));
        }
        return new RuleBook(sets);
    }

    /** A book of exactly the sets in {@code csv}. */
    public static RuleBook of(String csv, String origin) {
        return new RuleBook(parse(csv, origin));
    }

    /** The rule set that governs a penalty decided on {@code decisionDate}: the newest in effect that day. */
    public Optional<RuleSet> ruleSetFor(LocalDate decisionDate) {
        RuleSet found = null;
        for (RuleSet s : byDate) {
            if (!s.effectiveFrom().isAfter(decisionDate)) {
                found = s;
            }
        }
        return Optional.ofNullable(found);
    }

    public Optional<RuleSet> ruleSet(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Every set, oldest first. */
    public List<RuleSet> ruleSets() {
        return byDate;
    }

    private static String shippedText() {
        try (InputStream in = RuleBook.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the build lost the resource " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
    }

    static Map<String, RuleSet> parse(String csv, String origin) {
        String[] lines = csv.split("\\R", -1);
        int first = 0;
        while (first < lines.length && skip(lines[first])) {
            first++;
        }
        if (first >= lines.length || !strip(lines[first]).trim().equals(HEADER)) {
            throw new RulesFormatException(origin + ": the first line must be the header " + HEADER);
        }
        Map<String, Map<PenaltyCategory, PublicityRule>> rules = new TreeMap<>();
        Map<String, LocalDate> effective = new TreeMap<>();
        for (int i = first + 1; i < lines.length; i++) {
            if (skip(lines[i])) {
                continue;
            }
            String at = origin + " line " + (i + 1);
            PublicityRule r = row(lines[i], at);
            LocalDate earlier = effective.putIfAbsent(r.ruleSet(), r.effectiveFrom());
            if (earlier != null && !earlier.equals(r.effectiveFrom())) {
                throw new RulesFormatException(at + ": rule set " + r.ruleSet() + " takes effect on " + earlier
                        + " on an earlier line, not " + r.effectiveFrom());
            }
            if (rules.computeIfAbsent(r.ruleSet(), k -> new EnumMap<>(PenaltyCategory.class))
                    .put(r.category(), r) != null) {
                throw new RulesFormatException(at + ": rule set " + r.ruleSet() + " defines " + r.category() + " twice");
            }
        }
        Map<String, RuleSet> out = new LinkedHashMap<>();
        rules.forEach((id, byCategory) -> out.put(id, new RuleSet(id, effective.get(id), byCategory)));
        return out;
    }

    private static PublicityRule row(String line, String at) {
        String[] f = line.split(",", COLUMNS);
        if (f.length != COLUMNS) {
            throw new RulesFormatException(at + ": expected " + COLUMNS + " comma-separated values (" + HEADER
                    + "), found " + f.length);
        }
        for (int k = 0; k < f.length; k++) {
            f[k] = f[k].trim();
        }
        if (!f[0].matches("[a-z0-9][a-z0-9-]{0,31}")) {
            throw new RulesFormatException(at + ": rule_set '" + f[0] + "' must be a lower-case id such as cn-2025");
        }
        LocalDate from;
        try {
            from = LocalDate.parse(f[1]);
        } catch (DateTimeException e) {
            throw new RulesFormatException(at + ": effective_from '" + f[1] + "' is not a date YYYY-MM-DD", e);
        }
        if (f[2].isEmpty()) {
            throw new RulesFormatException(at + ": category_zh is empty");
        }
        PenaltyCategory category;
        try {
            category = PenaltyCategory.valueOf(f[3]);
        } catch (IllegalArgumentException e) {
            throw new RulesFormatException(at + ": category '" + f[3] + "' is not one of "
                    + java.util.Arrays.toString(PenaltyCategory.values()), e);
        }
        int min = months(f[4], "min_publicity_months", at);
        int max = months(f[5], "max_publicity_months", at);
        if (min > max) {
            throw new RulesFormatException(at + ": min_publicity_months " + min + " exceeds max_publicity_months " + max);
        }
        return new PublicityRule(f[0], from, category, f[2], min, max, flag(f[6], "repairable_before_max", at),
                flag(f[7], "verified", at), f[8]);
    }

    private static int months(String text, String column, String at) {
        try {
            int n = Integer.parseInt(text);
            if (n >= 0 && n <= 120) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new RulesFormatException(at + ": " + column + " '" + text + "' must be a whole number of months from 0 to 120");
    }

    private static boolean flag(String text, String column, String at) {
        if ("yes".equals(text)) {
            return true;
        }
        if ("no".equals(text)) {
            return false;
        }
        throw new RulesFormatException(at + ": " + column + " must be yes or no, not '" + text + "'");
    }

    private static boolean skip(String line) {
        String t = strip(line).trim();
        return t.isEmpty() || t.startsWith("#");
    }

    /** Without a UTF-8 byte order mark, which spreadsheet programs like to add. */
    private static String strip(String line) {
        return line.startsWith("\uFEFF") ? line.substring(1) : line;
    }
}
