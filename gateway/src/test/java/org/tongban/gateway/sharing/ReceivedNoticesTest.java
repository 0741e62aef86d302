package org.tongban.gateway.sharing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.message.Envelope;
import org.tongban.contracts.message.PenaltyNotice;
import org.tongban.contracts.message.PenaltyNoticeBatch;
import org.tongban.contracts.message.PublicityChannel;
import org.tongban.contracts.message.PublicityEndCause;
import org.tongban.contracts.message.PublicityEnded;
import org.tongban.contracts.testing.TestDirectory;
import org.tongban.gateway.store.NoticeFilter;
import org.tongban.gateway.store.NoticeRecord;
import org.tongban.gateway.testing.MutableClock;
import org.tongban.gateway.testing.Notices;
import org.tongban.gateway.testing.SharingParts;
import org.tongban.gateway.testing.TestNodeParts;
import org.tongban.ops.metrics.MetricNames;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tongban.contracts.testing.TestDirectory.HANGZHOU;
import static org.tongban.contracts.testing.TestDirectory.HARBIN;

/**
 * The home side stores what peers share, once per penalty decision, whatever the number of times
 * and envelopes it arrives in, and ends a notice when the penalizing member reports the end of
 * its publicity. Notices come from HANGZHOU (on a peer node) to HARBIN (hosted here).
 */
class ReceivedNoticesTest {
    private static final LocalDate DECIDED = LocalDate.of(2026, 5, 10);

    @TempDir
    Path dir;
    TestNodeParts parts;
    SharingParts sharing;

    @BeforeEach
    void setUp() {
        parts = TestNodeParts.create(dir, new MutableClock());
        sharing = new SharingParts(parts);
    }

    @AfterEach
    void tearDown() {
        parts.close();
    }

    private List<NoticeRecord> atHarbin() {
        return parts.store().read(tx -> tx.sharing().listNotices(new NoticeFilter(HARBIN, null, null, null, 100, null)));
    }

    private PenaltyNotice notice(long serial) {
        return Notices.notice(HANGZHOU, "230100", serial, DECIDED);
    }

    @Nested
    class Idempotent {
        @Test
        void the_same_envelope_twice_is_stored_once_and_counted_once() {
            Envelope e = parts.signedBy(HANGZHOU, HARBIN, notice(1));
            parts.receive(e);
            parts.receive(e);

            assertThat(atHarbin()).hasSize(1);
            assertThat(sharing.counter(MetricNames.PENALTY_NOTICES_RECEIVED, "member", "230100")).isEqualTo(1);
        }

        @Test
        void a_decision_shared_again_in_another_envelope_keeps_its_first_notice() {
            parts.receive(parts.signedBy(HANGZHOU, HARBIN, notice(1)));
            NoticeRecord first = atHarbin().get(0);
            parts.receive(parts.signedBy(HANGZHOU, HARBIN, PenaltyNoticeBatch.of("again", List.of(notice(2), notice(1)))));

            List<NoticeRecord> stored = atHarbin();
            assertThat(stored).hasSize(2);
            assertThat(stored.get(0)).isEqualTo(first);
            assertThat(stored.get(1).penalty().decisionNumber()).isEqualTo(notice(2).penalty().decisionNumber());
            assertThat(stored.get(1).leafIndex()).isZero();
        }

        @Test
        void a_decision_twice_in_one_batch_is_one_notice() {
            parts.receive(parts.signedBy(HANGZHOU, HARBIN, PenaltyNoticeBatch.of("twice", List.of(notice(5), notice(5)))));
            assertThat(atHarbin()).hasSize(1);
        }
    }

    @Nested
    class Eligibility_dates {
        @Test
        void come_from_the_rule_set_of_the_decision_date() {
            parts.receive(parts.signedBy(HANGZHOU, HARBIN, notice(1)));
            NoticeRecord n = atHarbin().get(0);
            // cn-2025, 一般: minimum 3 months (to 2026-08-10), maximum 12 months (to 2027-05-10)
            assertThat(n.earliestApplication()).isEqualTo(LocalDate.of(2026, 8, 11));
            assertThat(n.automaticEnd()).isEqualTo(LocalDate.of(2027, 5, 11));
            assertThat(n.remindedAt()).isNull();
            assertThat(n.ended()).isFalse();
        }
    }

    @Nested
    class End_of_publicity {
        private PublicityEnded ended(PenaltyNotice n, PublicityEndCause cause) {
            return new PublicityEnded(n.enterprise(), n.penalty(), cause, LocalDate.of(2027, 5, 11),
                    List.of(PublicityChannel.CREDIT_CHINA));
        }

        @Test
        void ends_the_notice_of_that_penalty() {
            parts.receive(parts.signedBy(HANGZHOU, HARBIN, notice(1)));
            parts.receive(parts.signedBy(HANGZHOU, HARBIN, ended(notice(1), PublicityEndCause.MAX_PERIOD_REACHED)));

            NoticeRecord n = atHarbin().get(0);
            assertThat(n.endedOn()).isEqualTo(LocalDate.of(2027, 5, 11));
            assertThat(n.endCause()).isEqualTo(PublicityEndCause.MAX_PERIOD_REACHED);
        }

        @Test
        void that_overtook_its_notice_is_kept_as_an_ended_notice_which_the_late_notice_does_not_reopen() {
            parts.receive(parts.signedBy(HANGZHOU, HARBIN, ended(notice(1), PublicityEndCause.MAX_PERIOD_REACHED)));
            parts.receive(parts.signedBy(HANGZHOU, HARBIN, notice(1)));

            assertThat(atHarbin()).singleElement().satisfies(n -> {
                assertThat(n.ended()).isTrue();
                assertThat(n.summary()).isNull();
            });
        }

        @Test
        void from_a_member_that_did_not_impose_the_penalty_is_refused() {
            PenaltyNotice hangzhous = notice(1);
            parts.receive(parts.signedBy(HANGZHOU, HARBIN, hangzhous));
            Envelope fromKunming = parts.signedBy(TestDirectory.KUNMING, HARBIN,
                    ended(hangzhous, PublicityEndCause.MAX_PERIOD_REACHED));

            assertThatThrownBy(() -> parts.receive(fromKunming)).isInstanceOfSatisfying(ContractException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_A_PARTY));
            assertThat(atHarbin().get(0).ended()).isFalse();
        }
    }
}
