package org.tongban.gateway.sla;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.contracts.id.LegId;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.json.StrictJson;
import org.tongban.contracts.message.Acceptance;
import org.tongban.contracts.message.AcceptanceOutcome;
import org.tongban.contracts.message.ContactRole;
import org.tongban.contracts.message.Envelope;
import org.tongban.contracts.message.Escalation;
import org.tongban.contracts.message.EscalationReason;
import org.tongban.contracts.message.MaterialKind;
import org.tongban.contracts.message.MaterialsRequest;
import org.tongban.contracts.message.MaterialsSupplement;
import org.tongban.contracts.message.MessageType;
import org.tongban.contracts.message.PenaltyCategory;
import org.tongban.contracts.message.PenaltyReference;
import org.tongban.contracts.message.RepairApplication;
import org.tongban.contracts.message.RequestedMaterial;
import org.tongban.contracts.message.SlaClock;
import org.tongban.contracts.message.Withdrawal;
import org.tongban.contracts.message.WithdrawalReason;
import org.tongban.contracts.testing.SampleMessages;
import org.tongban.contracts.testing.TestDirectory;
import org.tongban.gateway.cases.CaseView;
import org.tongban.gateway.cases.Clerk;
import org.tongban.gateway.cases.NewCase;
import org.tongban.gateway.store.EventKind;
import org.tongban.gateway.store.LegEvent;
import org.tongban.gateway.store.OutboxRecord;
import org.tongban.gateway.store.SlaTimer;
import org.tongban.gateway.testing.MutableClock;
import org.tongban.gateway.testing.TestNodeParts;
import org.tongban.ops.calendar.HolidayYear;
import org.tongban.ops.calendar.HolidayFiles;
import org.tongban.ops.calendar.WorkingDayCalendar;
import org.tongban.ops.metrics.MetricNames;
import org.tongban.ops.sla.ClockRun;
import org.tongban.ops.sla.SlaProfiles;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SLA clocks of legs followed on this node, on real dates: started, paused and resumed by
 * transitions, fired once by the durable timers, with the breach in the timeline, the metric and
 * an escalation to the partner. Harbin and Tianjin are hosted here; Hangzhou is on a peer.
 */
class SlaClocksTest {
    private static final MemberId HARBIN = TestDirectory.HARBIN;
    private static final MemberId TIANJIN = TestDirectory.TIANJIN;
    private static final MemberId HANGZHOU = TestDirectory.HANGZHOU;
    private static final Clerk CLERK = new Clerk("wang", HARBIN, Clerk.Role.clerk);

    @TempDir
    Path dir;
    MutableClock clock;
    TestNodeParts node;

    @AfterEach
    void close() {
        if (node != null) {
            node.close();
        }
    }

    private static Instant cst(String localDateTime) {
        return OffsetDateTime.parse(localDateTime + "+08:00").toInstant();
    }

    private void startAt(String localDateTime, SlaProfiles profiles) {
        clock = new MutableClock(cst(localDateTime));
        node = TestNodeParts.create(dir, clock, profiles);
    }

    private DueTimers timers(WorkingDayCalendar calendar) {
        SlaClocks clocks = new SlaClocks(node.hosted(), node.directory(), SlaProfiles.shipped(), calendar);
        return new DueTimers(node.store(), clocks, node.slaBreaches(), Duration.ofSeconds(30), clock, "test-process");
    }

    private DueTimers timers() {
        return timers(node.calendar());
    }

    /** Harbin files one penalty at {@code penalizing}, applied on {@code appliedOn}. */
    private CaseView file(MemberId penalizing, String appliedOn) {
        RepairApplication app = SampleMessages.repairApplication();
        PenaltyReference penalty = new PenaltyReference("罚〔2026〕第417号", "交通运输行政执法队", penalizing,
                LocalDate.of(2026, 3, 31), PenaltyCategory.GENERAL, "cn-2023");
        NewCase request = new NewCase(app.enterprise(), List.of(penalty), LocalDate.parse(appliedOn), app.homeReference(),
                app.contacts(), app.materials(), List.of(), app.statement(), null);
        return node.cases().create(CLERK, request, null, ("case-" + clock.instant()).getBytes(StandardCharsets.UTF_8));
    }

    private LegId legOf(CaseView c) {
        return c.legs().get(0).legId();
    }

    private Map<SlaClock, SlaTimer> timersOf(LegId leg) {
        Map<SlaClock, SlaTimer> out = new java.util.EnumMap<>(SlaClock.class);
        node.store().read(tx -> tx.slaTimersOfLeg(leg)).forEach(t -> out.put(t.clock(), t));
        return out;
    }

    private List<LegEvent> events(CaseView c, EventKind kind) {
        List<LegEvent> out = new ArrayList<>();
        node.store().read(tx -> tx.eventsOfCase(c.record().caseId())).forEach(e -> {
            if (e.kind() == kind) {
                out.add(e);
            }
        });
        return out;
    }

    private double breaches(String member, String clockName, String profile) {
        var c = node.registry().find(MetricNames.SLA_BREACHES).tags("member", member, "clock", clockName, "profile", profile)
                .counter();
        return c == null ? 0 : c.count();
    }

    @Nested
    class Starting {
        @Test
        void a_leg_takes_the_national_clocks_of_its_partner_with_deadlines_in_working_days() {
            startAt("2026-11-20T10:00:00", SlaProfiles.shipped());
            CaseView c = file(TIANJIN, "2026-11-19");

            Map<SlaClock, SlaTimer> t = timersOf(legOf(c));
            assertThat(t.keySet()).as("national tracks the decision and the applicant's result")
                    .containsExactlyInAnyOrder(SlaClock.DECISION, SlaClock.END_TO_END);
            // DECISION: received Fri 2026-11-20 → Mon 23, Tue 24, Wed 25 → due 2026-11-26 00:00.
            assertThat(t.get(SlaClock.DECISION).dueAt()).isEqualTo(cst("2026-11-26T00:00:00"));
            assertThat(t.get(SlaClock.DECISION).run().profile()).isEqualTo("national");
            // END_TO_END: applied Thu 2026-11-19 → Fri 20 (1), 23–27 (2–6), 30 (7), Dec 1–3 (8–10) → due 2026-12-04 00:00.
            assertThat(t.get(SlaClock.END_TO_END).run().startedAt()).isEqualTo(cst("2026-11-19T00:00:00"));
            assertThat(t.get(SlaClock.END_TO_END).dueAt()).isEqualTo(cst("2026-12-04T00:00:00"));
            assertThat(node.cases().get(CLERK, c.record().caseId()).deadlines()).hasSize(2);
        }

        @Test
        void materials_owed_pause_the_decision_and_end_to_end_clocks_and_hand_in_resumes_them_later() {
            startAt("2026-11-20T10:00:00", SlaProfiles.shipped());
            CaseView c = file(TIANJIN, "2026-11-19");
            LegId leg = legOf(c);
            clock.set(cst("2026-11-23T09:00:00"));
            node.answerFromPenalizingMember(leg, new Acceptance(AcceptanceOutcome.ACCEPTED, "TJ-1", List.of(),
                    OffsetDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.ofHours(8))));
            clock.set(cst("2026-11-24T10:00:00"));
            node.answerFromPenalizingMember(leg, new MaterialsRequest(List.of(new RequestedMaterial(
                    MaterialKind.PROOF_OF_FULFILMENT, "请补充罚款缴纳凭证")), LocalDate.of(2026, 11, 30), null));

            Map<SlaClock, SlaTimer> paused = timersOf(leg);
            assertThat(paused.get(SlaClock.DECISION).run().status()).isEqualTo(ClockRun.Status.PAUSED);
            assertThat(paused.get(SlaClock.DECISION).dueAt()).isNull();
            assertThat(paused.get(SlaClock.END_TO_END).run().status()).isEqualTo(ClockRun.Status.PAUSED);

            clock.set(cst("2026-11-30T09:00:00"));
            node.cases().supplement(CLERK, c.record().caseId(), leg, new MaterialsSupplement(
                    List.of(SampleMessages.repairApplication().materials().get(0)), "补交"));

            Map<SlaClock, SlaTimer> resumed = timersOf(leg);
            // Paused Tue 24, resumed Mon 30: the working days in (24, 30] are 25, 26, 27, 30 → 4 given back.
            // DECISION was due after Wed 25 → Thu 26, Fri 27, Mon 30, Tue 1 Dec → due 2026-12-02 00:00.
            assertThat(resumed.get(SlaClock.DECISION).run().status()).isEqualTo(ClockRun.Status.RUNNING);
            assertThat(resumed.get(SlaClock.DECISION).dueAt()).isEqualTo(cst("2026-12-02T00:00:00"));
            // END_TO_END was due after Thu 3 Dec → Fri 4, Mon 7, Tue 8, Wed 9 → due 2026-12-10 00:00.
            assertThat(resumed.get(SlaClock.END_TO_END).dueAt()).isEqualTo(cst("2026-12-10T00:00:00"));
        }

        @Test
        void a_deadline_reaching_a_year_without_a_calendar_is_left_open_said_in_the_timeline_and_set_once_the_year_is_loaded()
                throws Exception {
            startAt("2026-12-28T10:00:00", SlaProfiles.shipped());
            CaseView c = file(TIANJIN, "2026-12-28");
            LegId leg = legOf(c);

            Map<SlaClock, SlaTimer> t = timersOf(leg);
            // DECISION: Mon 28 → Tue 29, Wed 30, Thu 31 → due 2027-01-01 00:00, inside the 2026 notice.
            assertThat(t.get(SlaClock.DECISION).dueAt()).isEqualTo(cst("2027-01-01T00:00:00"));
            assertThat(t.get(SlaClock.END_TO_END).run().status()).isEqualTo(ClockRun.Status.RUNNING);
            assertThat(t.get(SlaClock.END_TO_END).dueAt()).as("10 working days reach into 2027").isNull();
            assertThat(events(c, EventKind.SLA_UNTRACKED)).singleElement()
                    .satisfies(e -> assertThat(e.detail()).contains("END_TO_END").contains("2027"));
            assertThat(node.calendar().yearsAskedButMissing()).containsExactly(2027);

            // Test data for 2027 (New Year's Day off): 29, 30, 31 Dec (1–3), Mon 4 – Fri 8 Jan (4–8), Mon 11 (9),
            // Tue 12 (10) → due 2027-01-13 00:00.
            HolidayYear y2027 = HolidayFiles.parse(("{\"year\":2027,\"days\":[{\"name\":\"元旦\",\"date\":\"2027-01-01\","
                    + "\"isOffDay\":true}]}").getBytes(StandardCharsets.UTF_8), "test 2027");
            List<HolidayYear> years = new ArrayList<>(HolidayFiles.shipped());
            years.add(y2027);
            assertThat(timers(WorkingDayCalendar.of(years)).rescheduleUnscheduled()).isEqualTo(1);
            assertThat(timersOf(leg).get(SlaClock.END_TO_END).dueAt()).isEqualTo(cst("2027-01-13T00:00:00"));
        }
    }

    @Nested
    class Breaches {
        @Test
        void a_clock_that_ran_out_fires_once_with_a_timeline_event_a_metric_and_an_escalation() {
            startAt("2026-11-20T10:00:00", SlaProfiles.shipped());
            CaseView c = file(TIANJIN, "2026-11-19");
            DueTimers timers = timers();

            clock.set(cst("2026-11-25T23:59:59"));
            assertThat(timers.fireDue()).as("not due yet").isZero();
            clock.set(cst("2026-11-26T00:00:01"));
            assertThat(timers.fireDue()).isEqualTo(1);
            assertThat(timers.fireDue()).as("a breach fires once").isZero();

            assertThat(events(c, EventKind.SLA_BREACH)).singleElement().satisfies(e -> {
                assertThat(e.detail()).contains("DECISION").contains("national").contains("2026-11-26T00:00+08:00");
                assertThat(e.actor()).isEqualTo("node");
            });
            // Tianjin is hosted here: the escalation is handed over at once and noted by the receiving side.
            assertThat(events(c, EventKind.ESCALATED)).singleElement().satisfies(e -> {
                assertThat(e.actor()).isEqualTo("member:" + HARBIN);
                assertThat(e.detail()).startsWith("SLA_BREACH");
                assertThat(e.messageId()).isNotNull();
            });
            assertThat(breaches(TIANJIN.value(), "DECISION", "national")).isEqualTo(1.0);
            SlaTimer fired = timersOf(legOf(c)).get(SlaClock.DECISION);
            assertThat(fired.run().status()).isEqualTo(ClockRun.Status.BREACHED);
            assertThat(fired.firedAt()).isEqualTo(cst("2026-11-26T00:00:01"));
            assertThat(timersOf(legOf(c)).get(SlaClock.END_TO_END).run().status()).isEqualTo(ClockRun.Status.RUNNING);
        }

        @Test
        void an_escalation_to_a_partner_on_a_peer_goes_through_the_outbox_to_its_credit_office() throws Exception {
            // Test profile: Hangzhou's "same-day" replaced by a 30-second delivery limit, so the leg breaches while FORWARDED.
            SlaProfiles fast = SlaProfiles.shipped().with(new ObjectMapper().readTree(
                    "{\"same-day\": {\"clocks\": {\"DELIVERY\": {\"within\": \"30s\", \"escalate\": true}}}}"), "test");
            startAt("2026-11-20T10:00:00", fast);
            CaseView c = file(HANGZHOU, "2026-11-19");
            LegId leg = legOf(c);
            assertThat(timersOf(leg).keySet()).containsExactly(SlaClock.DELIVERY);

            clock.advance(Duration.ofSeconds(31));
            assertThat(timers().fireDue()).isEqualTo(1);

            List<OutboxRecord> out = node.store().read(tx -> tx.outboxOfLeg(leg));
            assertThat(out).extracting(OutboxRecord::type).containsExactly(MessageType.REPAIR_APPLICATION, MessageType.ESCALATION);
            OutboxRecord row = out.get(1);
            assertThat(row.destination()).isEqualTo(OutboxRecord.nodeDestination("east"));
            Envelope env = Envelope.read(StrictJson.defaults().parse(row.envelope().utf8()));
            assertThat(env.from()).isEqualTo(HARBIN);
            assertThat(env.to()).isEqualTo(HANGZHOU);
            Escalation e = (Escalation) env.payload();
            assertThat(e.reason()).isEqualTo(EscalationReason.SLA_BREACH);
            assertThat(e.clock()).isEqualTo(SlaClock.DELIVERY);
            assertThat(e.deadline().toInstant()).isEqualTo(cst("2026-11-20T10:00:30"));
            assertThat(e.addressee().name()).isEqualTo("杭州市信用办");
            assertThat(e.addressee().role()).isEqualTo(ContactRole.CREDIT_OFFICE);
            assertThat(events(c, EventKind.ESCALATED)).singleElement().satisfies(ev -> {
                assertThat(ev.messageId()).isEqualTo(env.messageId());
                assertThat(ev.detail()).contains("杭州市信用办");
            });
            assertThat(breaches(HANGZHOU.value(), "DELIVERY", "same-day")).isEqualTo(1.0);
        }

        @Test
        void a_withdrawn_leg_stops_its_clocks_and_never_breaches() {
            startAt("2026-11-20T10:00:00", SlaProfiles.shipped());
            CaseView c = file(TIANJIN, "2026-11-19");
            node.cases().withdraw(CLERK, c.record().caseId(), legOf(c), new Withdrawal(WithdrawalReason.ENTERPRISE_REQUEST, null));

            assertThat(timersOf(legOf(c)).values()).extracting(t -> t.run().status()).containsOnly(ClockRun.Status.STOPPED);
            clock.set(cst("2026-12-31T00:00:00"));
            assertThat(timers().fireDue()).isZero();
            assertThat(events(c, EventKind.SLA_BREACH)).isEmpty();
        }

        @Test
        void a_timer_held_by_another_process_is_left_to_it_until_its_lease_ends() {
            startAt("2026-11-20T10:00:00", SlaProfiles.shipped());
            CaseView c = file(TIANJIN, "2026-11-19");
            clock.set(cst("2026-11-26T00:00:01"));
            node.store().inTransaction(tx -> tx.claimSlaTimers("other-process", clock.instant(), Duration.ofSeconds(30), 10));

            assertThat(timers().fireDue()).isZero();
            clock.advance(Duration.ofSeconds(31));
            assertThat(timers().fireDue()).as("the other process died; its lease ended").isEqualTo(1);
            assertThat(events(c, EventKind.SLA_BREACH)).hasSize(1);
        }
    }
}
