package org.tongban.gateway.sla;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.tongban.contracts.testing.TestDirectory;
import org.tongban.gateway.opsapi.HealthChecks;
import org.tongban.ops.calendar.CalendarCoverage;
import org.tongban.ops.calendar.WorkingDayCalendar;
import org.tongban.ops.sla.SlaProfiles;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class SlaReadinessTest {
    private static CalendarCoverage coverageAt(String instant) {
        return new CalendarCoverage(WorkingDayCalendar.shipped(), Clock.fixed(Instant.parse(instant), ZoneOffset.UTC),
                Duration.ofDays(30));
    }

    @Test
    void the_calendar_is_ready_while_every_needed_year_has_its_notice() {
        assertThat(SlaReadiness.calendar(coverageAt("2026-11-21T02:00:00Z"))).isEqualTo(HealthChecks.Result.up());
    }

    @Test
    void the_calendar_is_down_when_the_next_year_is_needed_and_missing() {
        HealthChecks.Result r = SlaReadiness.calendar(coverageAt("2026-12-10T02:00:00Z"));
        assertThat(r.healthy()).isFalse();
        assertThat(r.reason()).contains("2027").contains("calendar.files");
    }

    @Test
    void profiles_are_down_while_the_directory_names_one_this_node_does_not_define() throws Exception {
        assertThat(SlaReadiness.profiles(TestDirectory.unsigned(), SlaProfiles.shipped())).isEqualTo(HealthChecks.Result.up());

        // The shipped profiles cannot be taken away, so the test renames the directory's "24h" of Jinhua instead.
        var renamed = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                TestDirectory.unsigned().toJson().toString().replace("\"24h\"", "\"48h\""));
        HealthChecks.Result r = SlaReadiness.profiles(
                org.tongban.contracts.directory.FederationDirectory.read(renamed), SlaProfiles.shipped());
        assertThat(r.healthy()).isFalse();
        assertThat(r.reason()).contains("330700 (48h)").contains("sla.profiles");
        assertThat(SlaReadiness.profiles(org.tongban.contracts.directory.FederationDirectory.read(renamed),
                SlaProfiles.shipped().with(new ObjectMapper().readTree(
                        "{\"48h\": {\"clocks\": {\"ACCEPTANCE\": {\"within\": \"48h\"}}}}"), "sla.profiles")).healthy()).isTrue();
    }
}
