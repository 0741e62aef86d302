package org.tongban.gateway.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.tongban.adapters.spi.AdapterConfigException;
import org.tongban.adapters.spi.PenaltyPage;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.id.CreditCode;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.json.JsonObjectReader;
import org.tongban.contracts.json.ReadContext;
import org.tongban.contracts.json.StrictJson;
import org.tongban.contracts.message.Enterprise;
import org.tongban.contracts.message.PenaltyCategory;
import org.tongban.contracts.message.PenaltyNotice;
import org.tongban.contracts.message.PenaltyReference;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The penalty feed of a scripted test platform: the notices listed in its settings
 * ({@code penalties}, contract {@code PenaltyNotice} objects), then {@code penaltyFeed.generate}
 * generated ones on enterprises of {@code penaltyFeed.homes} in turn. Generated notices are served
 * only once the file {@code penaltyFeed.startFile} exists (when one is named), apart from the first
 * {@code penaltyFeed.warmup}; so a benchmark can warm the nodes up and then start the clock. When
 * that file holds a number, only that many generated notices beyond the warm-up are served, so a
 * benchmark can release its measured rounds one after the other by rewriting it. With
 * {@code penaltyFeed.scattered} the generated enterprises' serial numbers are spread over the whole
 * range in a fixed pseudo-random order instead of counting up, as a real feed's credit codes are.
 * Positions are the index of the next notice.
 */
final class ScriptedPenaltyFeed {
    static final Set<String> FEED_KEYS = Set.of("generate", "warmup", "homes", "decisionDate", "category", "startFile",
            "scattered");
    /** Multiplying by 3^18, prime to 10^9, permutes the nine-digit serial numbers. */
    private static final long SCATTER = 387_420_489L;

    private final Vertx vertx;
    private final MemberId member;
    private final List<PenaltyNotice> listed;
    private final int generate;
    private final int warmup;
    private final List<String> homes;
    private final LocalDate decisionDate;
    private final PenaltyCategory category;
    private final String startFile;
    private final boolean scattered;

    private ScriptedPenaltyFeed(Vertx vertx, MemberId member, List<PenaltyNotice> listed, int generate, int warmup,
                                List<String> homes, LocalDate decisionDate, PenaltyCategory category, String startFile,
                                boolean scattered) {
        this.vertx = vertx;
        this.member = member;
        this.listed = List.copyOf(listed);
        this.generate = generate;
        this.warmup = warmup;
        this.homes = List.copyOf(homes);
        this.decisionDate = decisionDate;
        this.category = category;
        this.startFile = startFile;
        this.scattered = scattered;
    }

    static ScriptedPenaltyFeed of(Vertx vertx, MemberId member, JsonObject settings, Path baseDir) {
        List<PenaltyNotice> listed = new ArrayList<>();
        JsonArray penalties = settings.getJsonArray("penalties", new JsonArray());
        for (int i = 0; i < penalties.size(); i++) {
            listed.add(notice(penalties.getValue(i), "penalties[" + i + "]"));
        }
        JsonObject feed = settings.getJsonObject("penaltyFeed", new JsonObject());
        for (String key : feed.fieldNames()) {
            if (!FEED_KEYS.contains(key)) {
                throw new AdapterConfigException("penaltyFeed: unknown key '" + key + "'; allowed: " + FEED_KEYS);
            }
        }
        List<String> homes = new ArrayList<>();
        feed.getJsonArray("homes", new JsonArray()).forEach(h -> homes.add(String.valueOf(h)));
        int generate = feed.getInteger("generate", 0);
        if (generate > 0 && homes.isEmpty()) {
            throw new AdapterConfigException("penaltyFeed.homes: name the home divisions of the generated enterprises");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(feed.getString("decisionDate", "2026-05-10"));
        } catch (DateTimeParseException e) {
            throw new AdapterConfigException("penaltyFeed.decisionDate: not a date YYYY-MM-DD");
        }
        String start = feed.getString("startFile");
        return new ScriptedPenaltyFeed(vertx, member, listed, generate, feed.getInteger("warmup", 0), homes, date,
                PenaltyCategory.valueOf(feed.getString("category", "GENERAL")), start == null ? null
                        : baseDir.resolve(start).toString(), feed.getBoolean("scattered", false));
    }

    private static PenaltyNotice notice(Object json, String where) {
        try {
            JsonNode node = StrictJson.defaults().parse(String.valueOf(json).getBytes(StandardCharsets.UTF_8));
            ReadContext ctx = ReadContext.strict();
            PenaltyNotice n = PenaltyNotice.read(JsonObjectReader.of(node, "", ctx));
            ctx.throwIfAny();
            return n;
        } catch (ContractException e) {
            throw new AdapterConfigException(where + ": not a PenaltyNotice: " + e.getMessage());
        }
    }

    Future<PenaltyPage> read(String cursor, int limit) {
        int from = cursor == null || cursor.isEmpty() ? 0 : Integer.parseInt(cursor);
        return vertx.executeBlocking(() -> {
            int available = listed.size() + Math.min(generate, released());
            int to = Math.min(available, from + limit);
            List<PenaltyNotice> page = new ArrayList<>(Math.max(0, to - from));
            for (int i = from; i < to; i++) {
                page.add(i < listed.size() ? listed.get(i) : generated(i - listed.size()));
            }
            return new PenaltyPage(page, String.valueOf(Math.max(from, to)), to < available);
        }, false);
    }

    /** How many generated notices may be served now: all, the warm-up, or the warm-up and the number in the start file. */
    private int released() throws IOException {
        if (startFile == null) {
            return generate;
        }
        Path file = Path.of(startFile);
        if (!Files.exists(file)) {
            return warmup;
        }
        String content = Files.readString(file).trim();
        return content.matches("[0-9]{1,9}") ? warmup + Integer.parseInt(content) : generate;
    }

    private PenaltyNotice generated(int i) {
        String home = homes.get(i % homes.size());
        String serial = Long.toString(scattered ? i * SCATTER % 1_000_000_000L : i);
        String first17 = "91" + home + "0".repeat(Math.max(0, 9 - serial.length())) + serial;
        return new PenaltyNotice(new Enterprise(CreditCode.of(first17 + CreditCode.checkCharacter(first17)), "生成企业" + i),
                new PenaltyReference(member + "生罚〔2026〕" + i + "号", "综合行政执法局", member, decisionDate, category,
                        "cn-2025"), "超限运输", decisionDate.plusDays(5));
    }
}
