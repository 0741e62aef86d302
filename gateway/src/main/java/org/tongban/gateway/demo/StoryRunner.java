package org.tongban.gateway.demo;

import com.fasterxml.jackson.databind.JsonNode;
import org.tongban.contracts.id.MemberId;
import org.tongban.gateway.cases.Clerk;
import org.tongban.gateway.office.auth.JwtIssuer;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plays the stories through the office API over HTTP, as the home offices' clerks would: files
 * each case, follows it, prints each leg transition as it appears in the home timeline, hands in
 * materials when a city asks for them, and at the end checks each leg on the penalizing side too.
 */
final class StoryRunner {
    private static final Duration POLL = Duration.ofMillis(250);

    /** A filed case: its story, case id and legs (leg id → penalizing member). */
    record Filed(Story story, String caseId, Map<String, String> legs) {
    }

    /** How the stories ended. */
    record Outcome(List<Filed> filed, List<String> problems) {
        boolean complete() {
            return problems.isEmpty();
        }

        int legs() {
            return filed.stream().mapToInt(f -> f.legs().size()).sum();
        }
    }

    private final DemoFederation federation;
    private final DemoConsole console;
    private final OfficeHttp http;
    private final JwtIssuer jwt;

    StoryRunner(DemoFederation federation, DemoConsole console, OfficeHttp http, JwtIssuer jwt) {
        this.federation = federation;
        this.console = console;
        this.http = http;
        this.jwt = jwt;
    }

    /** A clerk's bearer token for a member. */
    String token(String member, String subject, Duration ttl) {
        return jwt.issue(new Clerk(subject, MemberId.of(member), Clerk.Role.clerk), ttl);
    }

    private String office(String member) {
        return federation.officeUrl(federation.city(member).node()) + "/office/v1";
    }

    Filed file(Story s, LocalDate today) {
        console.event("story " + s.number() + ": " + s.title());
        String token = token(s.homeMember(), s.clerk(), Duration.ofHours(1));
        JsonNode c = http.post(office(s.homeMember()) + "/cases", token, s.newCase(today),
                "demo-story-" + s.number() + "-" + System.currentTimeMillis()).require(201, "filing story " + s.number());
        Map<String, String> legs = new LinkedHashMap<>();
        for (JsonNode leg : c.get("legs")) {
            legs.put(leg.get("legId").asText(), leg.get("penalizingMember").asText());
        }
        console.event("story " + s.number() + "  " + console.name(s.homeMember()) + " clerk " + s.clerk() + " files case "
                + c.get("caseId").asText() + " for " + s.enterpriseName() + " (" + s.creditCode() + "), "
                + legs.size() + " legs → " + String.join("、", legs.values().stream().map(console::name).toList()));
        return new Filed(s, c.get("caseId").asText(), legs);
    }

    Outcome follow(List<Filed> filed, Duration timeout) {
        Map<String, Set<Long>> printed = new LinkedHashMap<>();
        Set<String> supplied = new HashSet<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean done = false;
        while (!done && System.nanoTime() < deadline) {
            done = true;
            for (Filed f : filed) {
                JsonNode c = homeView(f);
                printTransitions(f, c, printed.computeIfAbsent(f.caseId(), k -> new HashSet<>()));
                for (JsonNode leg : c.get("legs")) {
                    String legId = leg.get("legId").asText();
                    if ("MATERIALS_REQUESTED".equals(leg.get("state").asText()) && supplied.add(legId)) {
                        handIn(f, legId);
                    }
                }
                done &= finished(c);
            }
            if (!done) {
                sleep(POLL);
            }
        }
        List<String> problems = new ArrayList<>();
        for (Filed f : filed) {
            JsonNode c = homeView(f);
            printTransitions(f, c, printed.computeIfAbsent(f.caseId(), k -> new HashSet<>()));
            if (!finished(c)) {
                problems.add("case " + f.caseId() + " of story " + f.story().number() + " is " + c.get("status").asText()
                        + " with legs " + states(c));
            }
        }
        if (problems.isEmpty()) {
            checkPenalizingSides(filed, problems);
        }
        return new Outcome(filed, problems);
    }

    private JsonNode homeView(Filed f) {
        String home = f.story().homeMember();
        return http.get(office(home) + "/cases/" + f.caseId(), token(home, f.story().clerk(), Duration.ofMinutes(5)))
                .require(200, "reading case " + f.caseId());
    }

    private void printTransitions(Filed f, JsonNode c, Set<Long> printed) {
        for (JsonNode e : c.get("timeline")) {
            if (!"TRANSITION".equals(e.get("kind").asText()) || !printed.add(e.get("seq").asLong())) {
                continue;
            }
            String legId = e.get("legId").asText();
            String from = e.hasNonNull("fromState") ? e.get("fromState").asText() + " → " : "";
            console.event(String.format("story %d  %s → %s  %-34s %s", f.story().number(), console.name(f.story().homeMember()),
                    console.name(f.legs().get(legId)), from + e.get("toState").asText(),
                    e.hasNonNull("detail") ? "(" + e.get("detail").asText() + ")" : ""));
        }
    }

    private void handIn(Filed f, String legId) {
        Story s = f.story();
        String home = s.homeMember();
        console.event("story " + s.number() + "  " + console.name(home) + " clerk " + s.clerk()
                + " hands in the signed credit commitment asked for by " + console.name(f.legs().get(legId)) + " (补正)");
        http.post(office(home) + "/cases/" + f.caseId() + "/legs/" + legId + "/supplements",
                token(home, s.clerk(), Duration.ofMinutes(5)), s.supplement(), null).require(200, "handing in materials");
    }

    /** Each leg as its penalizing member sees it: finished, with its own timeline. */
    private void checkPenalizingSides(List<Filed> filed, List<String> problems) {
        for (Filed f : filed) {
            for (Map.Entry<String, String> leg : f.legs().entrySet()) {
                String member = leg.getValue();
                JsonNode c = http.get(office(member) + "/cases/" + f.caseId(), token(member, "demo", Duration.ofMinutes(5)))
                        .require(200, "reading case " + f.caseId() + " at " + member);
                List<String> states = new ArrayList<>();
                for (JsonNode e : c.get("timeline")) {
                    if ("TRANSITION".equals(e.get("kind").asText()) && leg.getKey().equals(e.get("legId").asText())) {
                        states.add(e.get("toState").asText());
                    }
                }
                String state = states.isEmpty() ? "none" : states.get(states.size() - 1);
                console.event("story " + f.story().number() + "  at " + console.name(member) + " (node "
                        + federation.city(member).node() + ") the leg went " + String.join(" → ", states));
                if (!"PUBLICITY_ENDED".equals(state)) {
                    problems.add("leg " + leg.getKey() + " is " + state + " at " + member);
                }
            }
        }
    }

    private static boolean finished(JsonNode c) {
        if (!"CLOSED".equals(c.get("status").asText())) {
            return false;
        }
        for (JsonNode leg : c.get("legs")) {
            if (!"PUBLICITY_ENDED".equals(leg.get("state").asText())) {
                return false;
            }
        }
        return true;
    }

    private static String states(JsonNode c) {
        List<String> out = new ArrayList<>();
        c.get("legs").forEach(l -> out.add(l.get("penalizingMember").asText() + ":" + l.get("state").asText()));
        return out.toString();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
