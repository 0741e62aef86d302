package org.tongban.gateway.config;

import org.tongban.ops.calendar.CalendarFormatException;
import org.tongban.ops.calendar.WorkingDayCalendar;
import org.tongban.ops.rules.RuleBook;
import org.tongban.ops.rules.RulesFormatException;
import org.tongban.ops.sla.SlaProfileException;
import org.tongban.ops.sla.SlaProfiles;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules a node works by, as data: publicity rule sets, the working-day calendar and SLA
 * profiles, each shipped with the build and extended or replaced by the configuration. Loaded
 * once at start-up; every problem is reported with its configuration key.
 */
public record DomainData(RuleBook rules, WorkingDayCalendar calendar, SlaProfiles profiles) {
    /** Blocking (reads files). */
    public static DomainData load(NodeConfig config) {
        List<String> problems = new ArrayList<>();
        RuleBook rules = null;
        WorkingDayCalendar calendar = null;
        SlaProfiles profiles = null;
        try {
            rules = RuleBook.load(config.rules() == null || config.rules().files() == null ? List.of() : config.rules().files());
        } catch (RulesFormatException e) {
            problems.add("rules.files: " + e.getMessage());
        }
        try {
            calendar = WorkingDayCalendar.load(config.calendar() == null || config.calendar().files() == null ? List.of()
                    : config.calendar().files());
        } catch (CalendarFormatException e) {
            problems.add("calendar.files: " + e.getMessage());
        }
        try {
            profiles = SlaProfiles.shipped().with(config.sla() == null ? null : config.sla().profiles(), "sla.profiles");
        } catch (SlaProfileException e) {
            problems.add(e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new DomainData(rules, calendar, profiles);
    }
}
