package org.tongban.ops.sla;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.tongban.contracts.message.SlaClock;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlaProfilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void ships_the_national_same_day_and_24h_profiles() throws Exception {
        SlaProfiles p = SlaProfiles.shipped();
        assertThat(p.ids()).containsExactlyInAnyOrder("national", "same-day", "24h");
        SlaProfile national = p.find("national").orElseThrow();
        assertThat(national.clocks().keySet()).containsExactly(SlaClock.DECISION, SlaClock.END_TO_END);
        assertThat(national.limit(SlaClock.DECISION).orElseThrow().within()).isEqualTo(new SlaLimit.WorkingDays(3));
        assertThat(national.limit(SlaClock.END_TO_END).orElseThrow().within()).isEqualTo(new SlaLimit.WorkingDays(10));
        assertThat(p.find("same-day").orElseThrow().limit(SlaClock.ACCEPTANCE).orElseThrow().within())
                .isEqualTo(new SlaLimit.WorkingDays(1));
        assertThat(p.find("24h").orElseThrow().limit(SlaClock.ACCEPTANCE).orElseThrow().within())
                .isEqualTo(new SlaLimit.Elapsed(Duration.ofHours(24)));
        assertThat(national.limit(SlaClock.DECISION).orElseThrow().escalate()).isTrue();
    }

    @Test
    void a_configured_profile_is_added_and_one_with_a_shipped_id_replaces_it() throws Exception {
        SlaProfiles p = SlaProfiles.shipped().with(JSON.readTree("{"
                + "\"regional-48h\": {\"description\": \"48 h review\", \"clocks\": {\"ACCEPTANCE\": {\"within\": \"48h\"}}},"
                + "\"national\": {\"clocks\": {\"DECISION\": {\"within\": \"5wd\", \"escalate\": false}}}}"), "sla.profiles");

        SlaProfile added = p.find("regional-48h").orElseThrow();
        assertThat(added.limit(SlaClock.ACCEPTANCE).orElseThrow().escalate()).as("escalation is opt-in").isFalse();
        SlaProfile national = p.find("national").orElseThrow();
        assertThat(national.clocks().keySet()).containsExactly(SlaClock.DECISION);
        assertThat(national.limit(SlaClock.DECISION).orElseThrow().within()).isEqualTo(new SlaLimit.WorkingDays(5));
        assertThat(SlaProfiles.shipped().find("national").orElseThrow().clocks()).hasSize(2);
    }

    @Test
    void bad_definitions_are_refused_with_their_place() {
        assertRefused("{\"Fast\": {\"clocks\": {\"ACCEPTANCE\": {\"within\": \"1h\"}}}}", "sla.profiles.Fast");
        assertRefused("{\"fast\": {\"clocks\": {\"LUNCH\": {\"within\": \"1h\"}}}}", "sla.profiles.fast.clocks.LUNCH");
        assertRefused("{\"fast\": {\"clocks\": {\"ACCEPTANCE\": {\"within\": \"soon\"}}}}", "ACCEPTANCE.within");
        assertRefused("{\"fast\": {\"clocks\": {\"ACCEPTANCE\": {\"within\": \"1h\", \"notify\": true}}}}", "unknown key 'notify'");
        assertRefused("{\"fast\": {\"clocks\": {}}}", "name at least one clock");
        assertRefused("{\"fast\": {\"clocks\": {\"ACCEPTANCE\": {\"within\": \"1h\"}}, \"owner\": \"x\"}}", "unknown key 'owner'");
        assertRefused("{\"fast\": {\"clocks\": {\"ACCEPTANCE\": {\"within\": \"1h\", \"escalate\": \"yes\"}}}}", "true or false");
    }

    private static void assertRefused(String json, String message) {
        assertThatThrownBy(() -> SlaProfiles.shipped().with(JSON.readTree(json), "sla.profiles"))
                .isInstanceOf(SlaProfileException.class).hasMessageContaining(message);
    }
}
