package org.tongban.gateway.sharing;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/** The calendar day in China (Asia/Shanghai), in which publicity periods and reminders are counted. */
final class ChinaCalendarDay {
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private ChinaCalendarDay() {
    }

    static LocalDate today(Clock clock) {
        return LocalDate.ofInstant(clock.instant(), CHINA);
    }
}
