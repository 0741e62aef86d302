package org.tongban.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.contracts.id.MemberId;
import org.tongban.gateway.config.ConfigLoader;
import org.tongban.gateway.config.NodeConfig;
import org.tongban.gateway.devfed.DevFederation;
import org.tongban.gateway.devfed.FederationPlan;
import org.tongban.gateway.node.Node;
import org.tongban.gateway.testing.CaseRequests;
import org.tongban.gateway.testing.FreePorts;
import org.tongban.gateway.testing.OfficeClient;
import org.tongban.gateway.testing.Tokens;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A member city added by configuration alone: Hangzhou's platform is reached through the
 * {@code declarative} dialect with the shipped Jinhua mapping, copied beside the node's
 * configuration and named by a relative path. A case filed at Harbin (same node) is applied for
 * on the platform, and the platform's decisions, read from its change list, move the leg. The
 * node is restarted between decisions: it resumes the change list after the cursor it stored,
 * and still names enterprise and penalty when publicity ends.
 */
class DeclarativePlatformIT {
    private static final MemberId HARBIN = MemberId.of("230100");
    private static final MemberId HANGZHOU = MemberId.of("330100");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final Vertx platformVertx = Vertx.vertx();
    private final FormJsonPlatform platform = new FormJsonPlatform();
    private Vertx vertx;
    private Node node;

    @AfterEach
    void stop() {
        if (node != null) {
            node.stop(Duration.ofSeconds(5)).toCompletionStage().toCompletableFuture().join();
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
        platformVertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void decisions_read_from_the_change_list_move_the_leg_across_a_restart_without_reading_a_change_twice()
            throws IOException {
        int platformPort = platform.start(platformVertx);
        ObjectNode settings = JSON.createObjectNode()
                .put("mapping", "mappings/330100.yaml")
                .put("baseUrl", "http://127.0.0.1:" + platformPort)
                .put("apiKey", "hz-appcode")
                .put("pollEvery", "100ms")
                .put("maxBackoff", "1s");
        ObjectNode scripted = JSON.createObjectNode();
        scripted.putArray("steps").add("accept");
        FederationPlan plan = new FederationPlan("tongban-it", true, List.of(new FederationPlan.NodePlan("east",
                "127.0.0.1", FreePorts.next(), FreePorts.next(), FreePorts.next(), List.of(
                new FederationPlan.MemberPlan("230100", "哈尔滨市", "national", "scripted", scripted),
                new FederationPlan.MemberPlan("330100", "杭州市", "national", "declarative", settings)), null)));
        DevFederation.Written written = new DevFederation(dir, plan, Clock.systemUTC()).write();
        Files.createDirectories(dir.resolve("mappings"));
        try (InputStream mapping = getClass().getResourceAsStream("/org/tongban/adapters/declarative/jinhua.yaml")) {
            Files.write(dir.resolve("mappings/330100.yaml"), mapping.readAllBytes());
        }
        NodeConfig config = ConfigLoader.load(written.nodeConfigs().get("east"), Map.of());
        vertx = Vertx.vertx();
        node = Node.start(vertx, config, Clock.systemUTC()).toCompletionStage().toCompletableFuture().join();
        OfficeClient harbin = new OfficeClient("http://127.0.0.1:" + node.officePort(),
                "http://127.0.0.1:" + node.opsPort(), Tokens.mint(written.jwtSecret(), "tongban-it", HARBIN.value(), "clerk"));

        OfficeClient.Response created = harbin.post("/office/v1/cases", CaseRequests.newCase(HARBIN, HANGZHOU).toString());
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String caseId = created.body().get("caseId").asText();
        String legId = created.body().get("legs").get(0).get("legId").asText();

        await().atMost(Duration.ofSeconds(30)).until(() -> platform.applications().size() == 1);
        JsonObject applied = platform.applications().get(0);
        assertThat(applied.getString("wbbh")).isEqualTo(legId);
        assertThat(applied.getString("ajbh")).isEqualTo(caseId);
        assertThat(applied.getString("sqdq")).isEqualTo("230100");
        assertThat(applied.getString("cflb")).isEqualTo("一般");
        assertThat(applied.getString("cfrq")).isEqualTo("2026-03-31");

        platform.decide("b1", "已受理", applied);
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> stateOf(harbin, caseId, legId).equals("ACCEPTED"));
        await().atMost(Duration.ofSeconds(10)).until(() -> node.store().read(tx -> tx.adapterCursor(HANGZHOU, "changes"))
                .equals(java.util.Optional.of("1")));

        node.stop(Duration.ofSeconds(5)).toCompletionStage().toCompletableFuture().join();
        node = null;
        int pollsBefore = platform.pollStarts().size();
        // decided while the node was down
        platform.decide("b2", "已修复", applied);
        platform.decide("b3", "已终止公示", applied);
        node = Node.start(vertx, config, Clock.systemUTC()).toCompletionStage().toCompletableFuture().join();

        await().ignoreExceptions().atMost(Duration.ofSeconds(30))
                .until(() -> stateOf(harbin, caseId, legId).equals("PUBLICITY_ENDED"));
        List<String> afterRestart = platform.pollStarts().subList(pollsBefore, platform.pollStarts().size());
        assertThat(afterRestart.get(0)).as("the first poll after the restart starts after the stored cursor").isEqualTo("1");
        assertThat(afterRestart).doesNotContain("", "0");
        JsonNode home = harbin.get("/office/v1/cases/" + caseId).body();
        assertThat(TwoNodeFederationIT.transitions(home, legId)).containsExactly("SUBMITTED", "FORWARDED", "RECEIVED",
                "ACCEPTED", "REPAIRED", "PUBLICITY_ENDED");
        assertThat(home.get("legs").get(0).get("platformReference").asText()).isEqualTo("JH-1");
    }

    private static String stateOf(OfficeClient office, String caseId, String legId) {
        for (JsonNode leg : office.get("/office/v1/cases/" + caseId).body().get("legs")) {
            if (leg.get("legId").asText().equals(legId)) {
                return leg.get("state").asText();
            }
        }
        return "";
    }

    /**
     * A city platform of the "form-json" shape (DIALECTS.md d) as a real HTTP server: it numbers
     * applications and serves its change list from an index cursor.
     */
    private static final class FormJsonPlatform {
        private final List<JsonObject> applications = new ArrayList<>();
        private final List<JsonObject> changes = new ArrayList<>();
        private final List<String> pollStarts = new ArrayList<>();

        int start(Vertx vertx) {
            HttpServer server = vertx.createHttpServer().requestHandler(req -> {
                if (!"hz-appcode".equals(req.getHeader("appcode"))) {
                    req.response().setStatusCode(401).end();
                    return;
                }
                if (req.path().equals("/openapi/xyxf/sqxx")) {
                    req.body().onSuccess(b -> {
                        int n;
                        synchronized (this) {
                            applications.add(b.toJsonObject());
                            n = applications.size();
                        }
                        req.response().putHeader("Content-Type", "application/json").end(new JsonObject()
                                .put("success", true).put("data", new JsonObject().put("sqbh", "JH-" + n)).encode());
                    });
                } else if (req.path().equals("/openapi/xyxf/bgjl")) {
                    String start = req.getParam("start");
                    int size = Integer.parseInt(req.getParam("size"));
                    JsonObject data;
                    synchronized (this) {
                        pollStarts.add(start == null ? "" : start);
                        int from = start == null ? 0 : Integer.parseInt(start);
                        int to = Math.min(changes.size(), from + size);
                        data = new JsonObject().put("list", new JsonArray(new ArrayList<>(changes.subList(from, to))))
                                .put("next", Integer.toString(to));
                    }
                    req.response().putHeader("Content-Type", "application/json")
                            .end(new JsonObject().put("success", true).put("data", data).encode());
                } else {
                    req.response().setStatusCode(404).end();
                }
            });
            return server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join().actualPort();
        }

        synchronized void decide(String id, String state, JsonObject application) {
            changes.add(new JsonObject().put("bgid", id).put("sqbh", "JH-1").put("wbbh", application.getString("wbbh"))
                    .put("ajbh", application.getString("ajbh")).put("sqdq", application.getString("sqdq"))
                    .put("zt", state).put("bgsj", "2026-11-21 09:30:00"));
        }

        synchronized List<JsonObject> applications() {
            return List.copyOf(applications);
        }

        synchronized List<String> pollStarts() {
            return List.copyOf(pollStarts);
        }
    }
}
