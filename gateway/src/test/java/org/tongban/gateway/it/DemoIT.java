package org.tongban.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.contracts.id.MemberId;
import org.tongban.gateway.testing.CaseRequests;
import org.tongban.gateway.testing.DemoProcess;
import org.tongban.gateway.testing.OfficeClient;
import org.tongban.gateway.testing.Tokens;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's demo, end to end, as a separate process: it must reach {@code demo ready:} with
 * both stories finished — every leg PUBLICITY_ENDED with a complete timeline at home and at the
 * penalizing member, the supplement delivered to 天津市's platform —, refuse bad join files, take
 * in 衢州市 by the shipped example join file alone (every node routes to it afterwards), and then
 * stop on SIGTERM, releasing its ports.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoIT {
    private static final Pattern NODE = Pattern.compile("node (\\w+)\\s+office (http://127\\.0\\.0\\.1:(\\d+))/office/v1\\s+ops "
            + "http://127\\.0\\.0\\.1:(\\d+) ");
    private static final Pattern CASE = Pattern.compile("case ([0-9a-f-]{36})\\s+story (\\d) filed at");
    private static final Pattern PLATFORM = Pattern.compile("(\\d{6}) \\S+ ([a-z0-9-]+)\\s+(http://127\\.0\\.0\\.1:(\\d+))/admin");
    private static final Pattern JOINED_PLATFORM = Pattern.compile("join 330800 衢州市: platform form-json simulated at "
            + "(http://127\\.0\\.0\\.1:(\\d+)) ");
    private static final Pattern JOIN_STORY = Pattern.compile("^join story: case ([0-9a-f-]{36}) 咸宁市 → 衢州市 PUBLICITY_ENDED",
            Pattern.MULTILINE);
    private static final List<String> PLAIN = List.of("SUBMITTED", "FORWARDED", "RECEIVED", "ACCEPTED", "REPAIRED",
            "PUBLICITY_ENDED");
    private static final List<String> WITH_MATERIALS = List.of("SUBMITTED", "FORWARDED", "RECEIVED", "ACCEPTED",
            "MATERIALS_REQUESTED", "ACCEPTED", "REPAIRED", "PUBLICITY_ENDED");

    @TempDir
    static Path dir;
    static DemoProcess demo;
    static String console;
    static String jwtSecret;
    static final Map<String, String> offices = new LinkedHashMap<>();
    static final Map<String, String> platforms = new LinkedHashMap<>();
    static final Map<Integer, String> cases = new LinkedHashMap<>();
    static final Set<Integer> ports = new LinkedHashSet<>();
    static long readyAfterMillis;
    static String joinCase;

    @BeforeAll
    static void start() throws IOException {
        long t0 = System.nanoTime();
        demo = new DemoProcess(dir.resolve("demo"), dir.resolve("demo-console.log"))
                .start("demo ready:", Duration.ofSeconds(240), "--timeout", "180");
        readyAfterMillis = Duration.ofNanos(System.nanoTime() - t0).toMillis();
        console = demo.output();
        Matcher m = NODE.matcher(console);
        while (m.find()) {
            offices.put(m.group(1), m.group(2));
            ports.add(Integer.parseInt(m.group(3)));
            ports.add(Integer.parseInt(m.group(4)));
        }
        Matcher c = CASE.matcher(console);
        while (c.find()) {
            cases.put(Integer.parseInt(c.group(2)), c.group(1));
        }
        Matcher p = PLATFORM.matcher(console);
        while (p.find()) {
            platforms.put(p.group(1), p.group(3));
            ports.add(Integer.parseInt(p.group(4)));
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        for (String node : List.of("north", "east", "south")) {
            JsonNode cfg = yaml.readTree(Files.readString(dir.resolve("demo").resolve(node + ".yaml")));
            jwtSecret = cfg.get("office").get("jwtSecret").asText();
            ports.add(cfg.get("listen").get("federation").get("port").asInt());
        }
    }

    @AfterAll
    static void kill() {
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    @Order(1)
    void prints_where_to_look_and_one_ready_line() {
        assertThat(offices.keySet()).containsExactly("north", "east", "south");
        assertThat(cases).containsOnlyKeys(1, 2);
        assertThat(platforms).hasSize(11);
        assertThat(console.lines().filter(l -> l.startsWith("demo ready:"))).hasSize(1);
        assertThat(console).contains("/office/v1/openapi.json").contains("/metrics").contains("clerk token (咸宁市 421200");
        // all four dialects are on stage
        assertThat(console).contains(" rest-oauth2 ").contains(" xml-hmac ").contains(" polling ").contains(" form-json ");
        // one readable line per transition, with city names
        assertThat(console).contains("story 1  咸宁市 → 台州市  FORWARDED → RECEIVED")
                .contains("story 2  哈尔滨市 → 天津市  ACCEPTED → MATERIALS_REQUESTED");
        System.out.println("demo ready after " + readyAfterMillis + " ms");
    }

    @Test
    @Order(2)
    void story_one_the_xian_an_transport_firm_is_repaired_in_taizhou_and_guangzhou() {
        String caseId = cases.get(1);
        JsonNode home = office("south", "421200").get("/office/v1/cases/" + caseId).body();
        assertThat(home.get("enterprise").get("creditCode").asText()).startsWith("91421202");
        assertThat(home.get("status").asText()).isEqualTo("CLOSED");
        assertThat(home.get("legs")).hasSize(2);
        for (JsonNode leg : home.get("legs")) {
            assertThat(leg.get("state").asText()).isEqualTo("PUBLICITY_ENDED");
            assertThat(transitions(home, leg.get("legId").asText())).containsExactlyElementsOf(PLAIN);
        }
        assertNamesItsMessages(home);

        // 台州 is on node east: its own timeline of the leg, from the application it received
        JsonNode taizhou = office("east", "331000").get("/office/v1/cases/" + caseId).body();
        String taizhouLeg = legAt(home, "331000");
        assertThat(taizhou.get("legs")).hasSize(1);
        assertThat(taizhou.get("legs").get(0).get("state").asText()).isEqualTo("PUBLICITY_ENDED");
        assertThat(taizhou.get("legs").get(0).get("platformReference").asText()).startsWith("XF331000");
        assertThat(transitions(taizhou, taizhouLeg)).containsExactly("RECEIVED", "ACCEPTED", "REPAIRED", "PUBLICITY_ENDED");
        // 广州 shares node south with 咸宁: the leg is one record, seen by both offices
        JsonNode guangzhou = office("south", "440100").get("/office/v1/cases/" + caseId).body();
        assertThat(transitions(guangzhou, legAt(home, "440100"))).containsExactlyElementsOf(PLAIN);

        assertThat(platformApplication("331000", caseId).getString("status")).isEqualTo("PUBLICITY_ENDED");
        // 台州's platform had published the penalty in its feed
        assertThat(adminGet("331000", "/admin/penalties").getJsonArray("items").stream()
                .map(p -> ((io.vertx.core.json.JsonObject) p).getString("creditCode")))
                .contains(home.get("enterprise").get("creditCode").asText());
        assertThat(platformApplication("440100", caseId).getString("status")).isEqualTo("PUBLICITY_ENDED");
    }

    @Test
    @Order(3)
    void story_two_the_harbin_firm_hands_in_materials_for_tianjin_and_is_repaired_in_both_cities() {
        String caseId = cases.get(2);
        JsonNode home = office("north", "230100").get("/office/v1/cases/" + caseId).body();
        assertThat(home.get("status").asText()).isEqualTo("CLOSED");
        String tianjinLeg = legAt(home, "120000");
        String hangzhouLeg = legAt(home, "330100");
        assertThat(transitions(home, tianjinLeg)).containsExactlyElementsOf(WITH_MATERIALS);
        assertThat(transitions(home, hangzhouLeg)).containsExactlyElementsOf(PLAIN);
        assertNamesItsMessages(home);

        JsonNode tianjin = office("north", "120000").get("/office/v1/cases/" + caseId).body();
        assertThat(transitions(tianjin, tianjinLeg)).containsExactlyElementsOf(WITH_MATERIALS);
        JsonNode hangzhou = office("east", "330100").get("/office/v1/cases/" + caseId).body();
        assertThat(hangzhou.get("legs").get(0).get("state").asText()).isEqualTo("PUBLICITY_ENDED");
        assertThat(transitions(hangzhou, hangzhouLeg)).containsExactly("RECEIVED", "ACCEPTED", "REPAIRED", "PUBLICITY_ENDED");

        // the clerk's supplement reached 天津's platform, which then repaired
        io.vertx.core.json.JsonObject app = platformApplication("120000", caseId);
        assertThat(app.getString("status")).isEqualTo("PUBLICITY_ENDED");
        assertThat(app.getJsonArray("history").stream().map(h -> ((io.vertx.core.json.JsonObject) h).getString("kind")))
                .contains("SUPPLEMENT");
        assertThat(app.getJsonArray("events").stream().map(e -> ((io.vertx.core.json.JsonObject) e).getString("type")))
                .containsExactly("ACCEPTED", "MATERIALS_REQUESTED", "REPAIRED", "PUBLICITY_ENDED");
    }

    @Test
    @Order(4)
    void jinhua_onboarded_by_mapping_alone_handles_a_case_in_the_running_demo() {
        // not one of the stories: a Hangzhou clerk files for a penalty at 金华, whose platform is
        // reached only through the declarative adapter and declarative/jinhua.yaml
        JsonNode home = fileUntilClosed("east", "330100", "MA2HJ0555", "330700");
        String caseId = home.get("caseId").asText();
        assertThat(transitions(home, legAt(home, "330700"))).containsExactlyElementsOf(PLAIN);
        io.vertx.core.json.JsonObject app = platformApplication("330700", caseId);
        assertThat(app.getJsonObject("received").getString("cflb")).isEqualTo("一般");
        assertThat(app.getString("status")).isEqualTo("PUBLICITY_ENDED");
    }

    @Test
    @Order(5)
    void a_join_file_with_an_unknown_key_or_node_is_refused_in_one_line_and_changes_nothing() throws IOException {
        Path join = dir.resolve("demo").resolve("join");
        Files.writeString(join.resolve("lishui-typo.yaml"), "id: \"331100\"\nname: 丽水市\nnode: east\nplatform: polling\n"
                + "colour: blue\n");
        Files.writeString(join.resolve("lishui-west.yaml"), "id: \"331100\"\nname: 丽水市\nnode: west\nplatform: polling\n");

        await().atMost(Duration.ofSeconds(30)).until(() -> lines("join refused:").size() >= 2);

        assertThat(lines("join refused:")).satisfiesExactlyInAnyOrder(
                l -> assertThat(l).startsWith("join refused: lishui-typo.yaml: unknown key 'colour'; the keys allowed are id, "
                        + "name, node, slaProfile, platform, mapping (nothing changed"),
                l -> assertThat(l).startsWith("join refused: lishui-west.yaml: node: unknown node 'west'; the demo's nodes are "
                        + "north, east, south (nothing changed"));
        assertThat(directory().get("serial").asLong()).isEqualTo(1);
        assertThat(demo.output()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    @Order(6)
    void quzhou_joins_by_the_example_file_alone_and_only_its_node_restarts() throws IOException {
        String eastOffice = offices.get("east");
        try (var example = getClass().getClassLoader().getResourceAsStream("org/tongban/gateway/demo/join-example.yaml")) {
            assertThat(example).isNotNull();
            Files.write(dir.resolve("demo").resolve("join").resolve("quzhou.yaml"), example.readAllBytes());
        }

        await().atMost(Duration.ofSeconds(120)).until(() -> !lines("join story").isEmpty() || !lines("join failed").isEmpty());

        String out = demo.output();
        assertThat(lines("join failed")).isEmpty();
        assertThat(lines("city joined:")).singleElement().asString().startsWith("city joined: 330800 衢州市 on node east "
                + "(SLA 24h), office " + eastOffice + "/office/v1, platform form-json");
        assertThat(out).contains("join 330800 衢州市: directory serial 2 signed, taken by north east south")
                .contains("join 330800 衢州市: node east restarted hosting 杭州市 台州市 金华市 衢州市 (office " + eastOffice);
        Matcher story = JOIN_STORY.matcher(out);
        assertThat(story.find()).as("a join story line in:%n%s", out).isTrue();
        joinCase = story.group(1);
        Matcher p = JOINED_PLATFORM.matcher(out);
        assertThat(p.find()).isTrue();
        platforms.put("330800", p.group(1));
        ports.add(Integer.parseInt(p.group(2)));
        // still refused, once: a file is read again only when it changes
        assertThat(lines("join refused:")).hasSize(2);

        JsonNode directory = directory();
        assertThat(directory.get("serial").asLong()).isEqualTo(2);
        assertThat(directory.get("members").findValuesAsText("id")).contains("330800");
        String log = Files.readString(dir.resolve("demo").resolve("demo.log"));
        assertThat(log).contains("node east stopped").doesNotContain("node north stopped").doesNotContain("node south stopped");

        // the join story's leg, as 咸宁 (node south) and as 衢州 (node east) see it
        JsonNode home = office("south", "421200").get("/office/v1/cases/" + joinCase).body();
        assertThat(transitions(home, legAt(home, "330800"))).containsExactlyElementsOf(PLAIN);
        JsonNode quzhou = office("east", "330800").get("/office/v1/cases/" + joinCase).body();
        assertThat(transitions(quzhou, legAt(home, "330800"))).containsExactly("RECEIVED", "ACCEPTED", "REPAIRED",
                "PUBLICITY_ENDED");
        assertThat(platformApplication("330800", joinCase).getString("status")).isEqualTo("PUBLICITY_ENDED");
        // east's store came back with it: story 1's leg at 台州 is still there, finished
        JsonNode taizhou = office("east", "331000").get("/office/v1/cases/" + cases.get(1)).body();
        assertThat(taizhou.get("legs").get(0).get("state").asText()).isEqualTo("PUBLICITY_ENDED");
    }

    @Test
    @Order(7)
    void a_harbin_clerk_on_node_north_has_a_penalty_of_quzhou_repaired() {
        JsonNode home = fileUntilClosed("north", "230100", "MA2QJ0808", "330800");
        String caseId = home.get("caseId").asText();
        String leg = legAt(home, "330800");
        assertThat(transitions(home, leg)).containsExactlyElementsOf(PLAIN);
        assertNamesItsMessages(home);
        JsonNode quzhou = office("east", "330800").get("/office/v1/cases/" + caseId).body();
        assertThat(quzhou.get("legs")).singleElement().satisfies(l ->
                assertThat(l.get("state").asText()).isEqualTo("PUBLICITY_ENDED"));
        assertThat(transitions(quzhou, leg)).containsExactly("RECEIVED", "ACCEPTED", "REPAIRED", "PUBLICITY_ENDED");
        assertNamesItsMessages(quzhou);
        assertThat(platformApplication("330800", caseId).getString("status")).isEqualTo("PUBLICITY_ENDED");
    }

    @Test
    @Order(8)
    void stops_on_sigterm_and_releases_its_process_and_ports() {
        ProcessHandle handle = demo.handle();
        int exit = demo.stop(Duration.ofSeconds(60));

        assertThat(exit).as("exit code after SIGTERM; console:\n%s", demo.output()).isNotEqualTo(-1);
        assertThat(handle.isAlive()).isFalse();
        assertThat(handle.descendants().filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(demo.output()).contains("demo stopped");
        assertThat(ports).hasSizeGreaterThanOrEqualTo(3 * 3 + 12);
        for (int port : ports) {
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertThat(s.getLocalPort()).isEqualTo(port);
            } catch (IOException e) {
                throw new AssertionError("port " + port + " is still taken after the demo stopped", e);
            }
        }
    }

    /** A clerk of {@code home} files a case for a penalty at {@code penalizing}; the home view once it is CLOSED. */
    private static JsonNode fileUntilClosed(String node, String home, String organisation, String penalizing) {
        OfficeClient office = office(node, home);
        OfficeClient.Response created = office.post("/office/v1/cases", CaseRequests.newCase(
                CaseRequests.creditCodeAt(MemberId.of(home), organisation), MemberId.of(penalizing)).toString());
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String caseId = created.body().get("caseId").asText();
        await().ignoreExceptions().atMost(Duration.ofSeconds(60)).until(() ->
                office.get("/office/v1/cases/" + caseId).body().get("status").asText().equals("CLOSED"));
        return office.get("/office/v1/cases/" + caseId).body();
    }

    private static List<String> lines(String start) {
        return demo.output().lines().filter(l -> l.startsWith(start)).toList();
    }

    private static JsonNode directory() throws IOException {
        return new ObjectMapper().readTree(dir.resolve("demo").resolve("directory.json").toFile());
    }

    private static OfficeClient office(String node, String member) {
        String url = offices.get(node);
        return new OfficeClient(url, url, Tokens.mint(jwtSecret, "tongban-demo", member, "clerk"));
    }

    private static io.vertx.core.json.JsonObject platformApplication(String member, String caseId) {
        var items = adminGet(member, "/admin/applications?caseId=" + caseId).getJsonArray("items");
        assertThat(items).as("applications of case %s at %s", caseId, member).hasSize(1);
        return items.getJsonObject(0);
    }

    private static io.vertx.core.json.JsonObject adminGet(String member, String path) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(platforms.get(member) + path)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("GET %s at %s", path, member).isEqualTo(200);
            return new io.vertx.core.json.JsonObject(r.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void assertNamesItsMessages(JsonNode c) {
        for (JsonNode e : c.get("timeline")) {
            assertThat(e.get("at").asText()).isNotEmpty();
            assertThat(e.get("actor").asText()).isNotEmpty();
            if (e.get("kind").asText().equals("TRANSITION") && !e.get("toState").asText().equals("SUBMITTED")) {
                assertThat(e.hasNonNull("messageId")).as("transition %s names its message", e).isTrue();
            }
        }
    }

    private static String legAt(JsonNode c, String member) {
        for (JsonNode leg : c.get("legs")) {
            if (leg.get("penalizingMember").asText().equals(member)) {
                return leg.get("legId").asText();
            }
        }
        throw new AssertionError("no leg at " + member + " in " + c);
    }

    private static List<String> transitions(JsonNode c, String legId) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : c.get("timeline")) {
            if (e.get("legId").asText().equals(legId) && e.get("kind").asText().equals("TRANSITION")) {
                out.add(e.get("toState").asText());
            }
        }
        return out;
    }
}
