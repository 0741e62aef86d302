package org.tongban.adapters.events;

import org.junit.jupiter.api.Test;
import org.tongban.adapters.spi.PlatformEvent;
import org.tongban.adapters.testing.Await;
import org.tongban.adapters.testing.Fixtures;
import org.tongban.adapters.testing.MemoryCursorStore;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.message.Acceptance;
import org.tongban.contracts.message.PublicityEnded;
import org.tongban.contracts.message.Reason;
import org.tongban.contracts.message.ReasonCode;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventTranslatorTest {
    private final MemoryCursorStore store = new MemoryCursorStore();
    private final AppliedLegs legs = new AppliedLegs(store);
    private final EventTranslator translator = new EventTranslator(Fixtures.PENALIZING, legs);

    private static PushedEvent event(String type, String reasonCode, String reasonText, List<String> channels) {
        return new PushedEvent("ev-1", "HZ-1", Fixtures.LEG.toString(), Fixtures.CASE.toString(), "230100", type,
                LocalDateTime.of(2026, 11, 21, 9, 30), reasonCode, reasonText, List.of(), null, null,
                LocalDate.of(2026, 11, 30), channels);
    }

    @Test
    void a_refusal_with_text_but_no_code_is_kept_as_other() {
        PlatformEvent e = Await.result(translator.translate(event("NOT_ACCEPTED", null, "材料不全", List.of())));

        assertThat(((Acceptance) e.payload()).reasons()).containsExactly(new Reason(ReasonCode.OTHER, "材料不全"));
    }

    @Test
    void a_refusal_without_any_reason_is_bad_data() {
        assertThatThrownBy(() -> translator.translate(event("REFUSED", null, null, List.of())))
                .isInstanceOf(ContractException.class).hasMessageContaining("reason_code");
    }

    @Test
    void an_unlisted_reason_code_is_bad_data() {
        assertThatThrownBy(() -> translator.translate(event("NOT_ACCEPTED", "TOO_LATE", null, List.of())))
                .isInstanceOf(ContractException.class)
                .satisfies(t -> assertThat(((ContractException) t).code()).isEqualTo(ErrorCode.ENUM_INVALID));
    }

    @Test
    void a_materials_request_without_materials_is_bad_data() {
        assertThatThrownBy(() -> translator.translate(event("MATERIALS_REQUESTED", null, null, List.of())))
                .hasMessageContaining("at least one material");
    }

    @Test
    void publicity_ended_reads_the_remembered_application_and_its_channels() {
        Await.result(legs.remember(Fixtures.leg(), Fixtures.application()));

        PlatformEvent e = Await.result(translator.translate(event("PUBLICITY_ENDED", null, null,
                List.of("CREDIT_CHINA"))));

        PublicityEnded p = (PublicityEnded) e.payload();
        assertThat(p.enterprise()).isEqualTo(Fixtures.enterprise());
        assertThat(p.penalty()).isEqualTo(Fixtures.penalty());
        assertThat(e.leg().penalizingMember()).isEqualTo(Fixtures.PENALIZING);
    }

    @Test
    void publicity_ended_on_an_unlisted_channel_is_bad_data() {
        Await.result(legs.remember(Fixtures.leg(), Fixtures.application()));

        Throwable t = Await.failure(translator.translate(event("PUBLICITY_ENDED", null, null, List.of("WEIBO"))));

        assertThat(t).isInstanceOf(ContractException.class).hasMessageContaining("channels/0");
    }

    @Test
    void a_damaged_remembered_record_is_not_taken_for_bad_data_of_the_platform() {
        store.positions().put("leg:" + Fixtures.LEG, "{not json");

        Throwable t = Await.failure(translator.translate(event("PUBLICITY_ENDED", null, null, List.of("CREDIT_CHINA"))));

        assertThat(t).isInstanceOf(IllegalStateException.class).isNotInstanceOf(ContractException.class);
    }
}
