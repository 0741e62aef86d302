package org.tongban.ops.sla;

import org.junit.jupiter.api.Test;
import org.tongban.contracts.message.LegState;
import org.tongban.contracts.message.SlaClock;
import org.tongban.ops.calendar.WorkingDayCalendar;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tongban.contracts.message.LegState.ACCEPTED;
import static org.tongban.contracts.message.LegState.FORWARDED;
import static org.tongban.contracts.message.LegState.MATERIALS_REQUESTED;
import static org.tongban.contracts.message.LegState.NOT_ACCEPTED;
import static org.tongban.contracts.message.LegState.PUBLICITY_ENDED;
import static org.tongban.contracts.message.LegState.RECEIVED;
import static org.tongban.contracts.message.LegState.REPAIRED;
import static org.tongban.contracts.message.LegState.SUBMITTED;
import static org.tongban.contracts.message.LegState.WITHDRAWN;
import static org.tongban.ops.sla.ClockAction.Kind.PAUSE;
import static org.tongban.ops.sla.ClockAction.Kind.RESUME;
import static org.tongban.ops.sla.ClockAction.Kind.START;
import static org.tongban.ops.sla.ClockAction.Kind.STOP;

class LegClocksTest {
    private static ClockAction a(SlaClock clock, ClockAction.Kind kind) {
        return new ClockAction(clock, kind);
    }

    @Test
    void the_path_of_a_repaired_leg_starts_and_stops_every_clock_in_turn() {
        assertThat(LegClocks.on(null, SUBMITTED)).containsExactly(a(SlaClock.END_TO_END, START));
        assertThat(LegClocks.on(SUBMITTED, FORWARDED)).containsExactly(a(SlaClock.DELIVERY, START));
        assertThat(LegClocks.on(FORWARDED, RECEIVED)).containsExactly(a(SlaClock.DELIVERY, STOP),
                a(SlaClock.ACCEPTANCE, START), a(SlaClock.DECISION, START));
        assertThat(LegClocks.on(RECEIVED, ACCEPTED)).containsExactly(a(SlaClock.ACCEPTANCE, STOP));
        assertThat(LegClocks.on(ACCEPTED, REPAIRED)).contains(a(SlaClock.DECISION, STOP), a(SlaClock.END_TO_END, STOP),
                a(SlaClock.PUBLICITY_END, START));
        assertThat(LegClocks.on(REPAIRED, PUBLICITY_ENDED)).contains(a(SlaClock.PUBLICITY_END, STOP));
    }

    @Test
    void materials_owed_by_the_applicant_pause_the_decision_and_end_to_end_clocks() {
        assertThat(LegClocks.on(ACCEPTED, MATERIALS_REQUESTED)).containsExactly(a(SlaClock.DECISION, PAUSE),
                a(SlaClock.END_TO_END, PAUSE));
        assertThat(LegClocks.on(MATERIALS_REQUESTED, ACCEPTED)).containsExactly(a(SlaClock.DECISION, RESUME),
                a(SlaClock.END_TO_END, RESUME));
    }

    @Test
    void a_final_state_stops_every_clock() {
        assertThat(LegClocks.on(RECEIVED, NOT_ACCEPTED)).extracting(ClockAction::kind).containsOnly(STOP);
        assertThat(LegClocks.on(MATERIALS_REQUESTED, WITHDRAWN)).hasSize(SlaClock.values().length)
                .extracting(ClockAction::kind).containsOnly(STOP);
    }

    @Test
    void a_run_paused_and_resumed_is_due_later_and_a_stopped_one_is_not_due() {
        // DECISION, 3 working days from Mon 2026-02-09 (due 2026-02-13 00:00); paused Wed 11, resumed Fri 13
        // → two working days back (Thu 12, Fri 13) → due 2026-02-15 00:00 (Sat 14 is 调休).
        WorkingDayCalendar calendar = WorkingDayCalendar.shipped();
        ClockLimit limit = new ClockLimit(SlaClock.DECISION, new SlaLimit.WorkingDays(3), true);
        ClockRun run = ClockRun.start("national", limit, cst("2026-02-09T10:00:00"));
        assertThat(run.dueAt(calendar)).contains(cst("2026-02-13T00:00:00"));

        ClockRun paused = run.apply(PAUSE, cst("2026-02-11T15:00:00"));
        assertThat(paused.status()).isEqualTo(ClockRun.Status.PAUSED);
        assertThat(paused.dueAt(calendar)).isEmpty();
        assertThat(paused.pause(cst("2026-02-12T15:00:00"))).as("a second pause changes nothing").isEqualTo(paused);

        ClockRun resumed = paused.apply(RESUME, cst("2026-02-13T09:00:00"));
        assertThat(resumed.pauses()).containsExactly(new Pause(cst("2026-02-11T15:00:00"), cst("2026-02-13T09:00:00")));
        assertThat(resumed.dueAt(calendar)).contains(cst("2026-02-15T00:00:00"));

        assertThat(resumed.apply(STOP, cst("2026-02-14T09:00:00")).dueAt(calendar)).isEmpty();
        assertThat(resumed.breached().stop().status()).as("a breach stays recorded").isEqualTo(ClockRun.Status.BREACHED);
        assertThat(resumed.breached().resume(cst("2026-02-14T09:00:00")).status()).isEqualTo(ClockRun.Status.BREACHED);
        assertThat(List.of(ClockRun.Status.values())).hasSize(4);
    }

    private static Instant cst(String localDateTime) {
        return OffsetDateTime.parse(localDateTime + "+08:00").toInstant();
    }
}
