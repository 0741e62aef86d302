package org.tongban.gateway.testing;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.tongban.adapters.spi.AdapterConfigException;
import org.tongban.adapters.spi.AdapterContext;
import org.tongban.adapters.spi.AdapterFactory;
import org.tongban.adapters.spi.PlatformAdapter;
import org.tongban.contracts.id.MemberId;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An in-process test platform, type {@code scripted}: settings {@code steps} (accept,
 * request-materials, repair, refuse, end-publicity) played after each application, and
 * {@code delayMillis} between steps; a penalty feed of the notices listed in {@code penalties} and
 * generated per {@code penaltyFeed} ({@link ScriptedPenaltyFeed}).
 */
public final class ScriptedAdapterFactory implements AdapterFactory {
    private static final Set<String> KEYS = Set.of("steps", "delayMillis", "penalties", "penaltyFeed");
    private static final Set<String> STEPS = Set.of("accept", "request-materials", "repair", "refuse", "end-publicity");

    @Override
    public String type() {
        return "scripted";
    }

    @Override
    public PlatformAdapter create(AdapterContext context) {
        Vertx vertx = context.vertx();
        MemberId member = context.member();
        JsonObject settings = context.settings();
        for (String key : settings.fieldNames()) {
            if (!KEYS.contains(key)) {
                throw new AdapterConfigException("unknown key '" + key + "'; allowed: " + KEYS);
            }
        }
        List<String> steps = new ArrayList<>();
        JsonArray array = settings.getJsonArray("steps", new JsonArray().add("accept").add("repair").add("end-publicity"));
        for (Object s : array) {
            if (!STEPS.contains(String.valueOf(s))) {
                throw new AdapterConfigException("steps: '" + s + "' is not one of " + STEPS);
            }
            steps.add(String.valueOf(s));
        }
        return new ScriptedAdapter(vertx, member, steps, settings.getLong("delayMillis", 20L),
                ScriptedPenaltyFeed.of(vertx, member, settings, context.baseDir()));
    }
}
