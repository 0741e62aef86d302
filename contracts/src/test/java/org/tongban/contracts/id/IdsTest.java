package org.tongban.contracts.id;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdsTest {
    /** RFC 9562 text of a UUIDv7: lower-case hex, version nibble 7, variant bits 10. */
    private static final Pattern V7_TEXT = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    private static final Instant T = Instant.parse("2026-11-20T01:30:00.123Z");

    private static Clock fixed(Instant t) {
        return Clock.fixed(t, ZoneOffset.UTC);
    }

    /** A random source whose per-millisecond counter start is the highest the generator allows. */
    private static SecureRandom highCounterStart() {
        return new SecureRandom() {
            private static final long serialVersionUID = 1L;

            @Override
            public int nextInt(int bound) {
                return bound - 1;
            }
        };
    }

    /** A clock that can be moved back and forth. */
    private static final class SettableClock extends Clock {
        private long millis;

        SettableClock(long millis) {
            this.millis = millis;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }

    private static void assertStrictlyIncreasing(List<UUID> ids) {
        for (int i = 1; i < ids.size(); i++) {
            // Text order is what stores and logs sort by; it must agree with creation order.
            assertThat(ids.get(i).toString()).as("id %d after id %d", i, i - 1).isGreaterThan(ids.get(i - 1).toString());
        }
    }

    @Nested
    class Generation {
        @Test
        void ids_are_lower_case_version_7_variant_2() {
            Ids ids = new Ids(Clock.systemUTC(), new SecureRandom());
            for (int i = 0; i < 1000; i++) {
                UUID id = ids.next();

                assertThat(id.toString()).matches(V7_TEXT);
                assertThat(id.version()).isEqualTo(7);
                assertThat(id.variant()).isEqualTo(2);
            }
        }

        @Test
        void ids_in_one_millisecond_are_strictly_increasing() {
            Ids ids = new Ids(fixed(T), new SecureRandom());
            List<UUID> out = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                out.add(ids.next());
            }

            assertStrictlyIncreasing(out);
            assertThat(out).allSatisfy(id -> assertThat(Ids.timestampOf(id)).isEqualTo(T));
        }

        @Test
        void order_survives_more_ids_than_the_counter_holds_in_one_millisecond() {
            Ids ids = new Ids(fixed(T), highCounterStart());
            List<UUID> out = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) {
                out.add(ids.next());
            }

            assertStrictlyIncreasing(out);
            assertThat(out).allSatisfy(id -> assertThat(id.toString()).matches(V7_TEXT));
            assertThat(Ids.timestampOf(out.get(0))).isEqualTo(T);
            // Borrowing time keeps order but must not run far ahead of the clock: 12 counter bits
            // give at least 2,048 ids per borrowed millisecond.
            assertThat(Ids.timestampOf(out.get(out.size() - 1))).isBetween(T, T.plusMillis(20_000 / 2048 + 1));
        }

        @Test
        void order_survives_a_clock_that_steps_back() {
            SettableClock clock = new SettableClock(T.toEpochMilli());
            Ids ids = new Ids(clock, new SecureRandom());
            List<UUID> out = new ArrayList<>();
            out.add(ids.next());
            clock.millis -= 5_000;
            out.add(ids.next());
            out.add(ids.next());
            clock.millis += 10_000;
            out.add(ids.next());

            assertStrictlyIncreasing(out);
            assertThat(Ids.timestampOf(out.get(3))).isEqualTo(T.plusMillis(5_000));
        }

        @Test
        void later_milliseconds_sort_after_earlier_ones() {
            SettableClock clock = new SettableClock(T.toEpochMilli());
            Ids ids = new Ids(clock, highCounterStart());
            UUID first = ids.next();
            clock.millis += 1;
            UUID second = ids.next();

            assertThat(second.toString()).isGreaterThan(first.toString());
        }

        @Test
        void two_generators_on_the_same_clock_never_collide() {
            Ids a = new Ids(fixed(T), new SecureRandom());
            Ids b = new Ids(fixed(T), new SecureRandom());
            Set<UUID> seen = new HashSet<>();
            for (int i = 0; i < 5_000; i++) {
                assertThat(seen.add(a.next())).isTrue();
                assertThat(seen.add(b.next())).isTrue();
            }
        }

        @Test
        void typed_ids_carry_generated_uuids() {
            Ids ids = new Ids(fixed(T), new SecureRandom());

            assertThat(Ids.timestampOf(ids.newMessageId().value())).isEqualTo(T);
            assertThat(Ids.timestampOf(ids.newCaseId().value())).isEqualTo(T);
            assertThat(Ids.timestampOf(ids.newLegId().value())).isEqualTo(T);
        }
    }

    @Nested
    class Timestamps {
        @Test
        void timestamp_of_a_generated_id_is_the_clock_millisecond() {
            Instant t = Instant.parse("2031-06-30T15:59:59.999Z");

            assertThat(Ids.timestampOf(new Ids(fixed(t), new SecureRandom()).next())).isEqualTo(t);
        }

        @Test
        void timestamp_is_the_first_48_bits_in_milliseconds() {
            UUID id = Ids.parseV7("019aa1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b");

            assertThat(Ids.timestampOf(id)).isEqualTo(Instant.ofEpochMilli(Long.parseLong("019aa1b2c3d4", 16)));
        }

        @Test
        void sub_millisecond_precision_of_the_clock_is_dropped() {
            Instant t = Instant.parse("2026-11-20T01:30:00.123456789Z");

            assertThat(Ids.timestampOf(new Ids(fixed(t), new SecureRandom()).next()))
                    .isEqualTo(Instant.parse("2026-11-20T01:30:00.123Z"));
        }
    }

    @Nested
    class Parsing {
        @Test
        void parses_canonical_text_back_to_the_same_uuid() {
            Ids ids = new Ids(Clock.systemUTC(), new SecureRandom());
            for (int i = 0; i < 100; i++) {
                UUID id = ids.next();

                assertThat(Ids.parseV7(id.toString())).isEqualTo(id);
                assertThat(MessageId.parse(id.toString()).value()).isEqualTo(id);
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "019AA1B2-C3D4-7E5F-8A6B-7C8D9E0F1A2B",   // upper case
                "019aa1b2-c3d4-7e5f-8a6b-7c8d9e0f1A2b",   // one upper-case letter
                "f47ac10b-58cc-4372-a567-0e02b2c3d479",   // version 4
                "019aa1b2-c3d4-1e5f-8a6b-7c8d9e0f1a2b",   // version 1
                "019aa1b2-c3d4-8e5f-8a6b-7c8d9e0f1a2b",   // version 8
                "019aa1b2-c3d4-7e5f-ca6b-7c8d9e0f1a2b",   // variant 110 (Microsoft)
                "019aa1b2-c3d4-7e5f-0a6b-7c8d9e0f1a2b",   // variant 0 (NCS)
                "019aa1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2",    // 35 characters
                "019aa1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b0",  // 37 characters
                "019aa1b2c3d47e5f8a6b7c8d9e0f1a2b",       // no hyphens
                "{019aa1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b}", // braces
                "019aa1b2-c3d47-e5f-8a6b-7c8d9e0f1a2b",   // hyphen misplaced
                "019aa1b2-c3d4-7e5f-8a6b-7c8d9e0f1g2b",   // not hex
                "019aa1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2 ",   // trailing blank
                "00000000-0000-0000-0000-000000000000",   // nil
                "",
        })
        void refuses_anything_but_lower_case_uuid_v7_text(String text) {
            assertThatThrownBy(() -> Ids.parseV7(text)).isInstanceOfSatisfying(ContractException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.IDENTIFIER_INVALID);
                assertThat(e.violations().get(0).detail()).isNotBlank();
            });
        }

        @Test
        void refuses_null() {
            assertThatThrownBy(() -> Ids.parseV7(null)).isInstanceOfSatisfying(ContractException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.IDENTIFIER_INVALID));
        }

        @Test
        void typed_ids_refuse_version_4_text_and_values() {
            String v4 = "f47ac10b-58cc-4372-a567-0e02b2c3d479";
            List<Function<String, ?>> parsers = List.of(MessageId::parse, CaseId::parse, LegId::parse);
            for (Function<String, ?> parser : parsers) {
                assertThatThrownBy(() -> parser.apply(v4)).isInstanceOfSatisfying(ContractException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.IDENTIFIER_INVALID));
            }
            assertThatThrownBy(() -> new CaseId(UUID.fromString(v4))).isInstanceOfSatisfying(ContractException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.IDENTIFIER_INVALID));
        }
    }
}
