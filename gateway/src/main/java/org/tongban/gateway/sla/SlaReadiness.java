package org.tongban.gateway.sla;

import org.tongban.contracts.directory.FederationDirectory;
import org.tongban.gateway.node.DirectoryHolder;
import org.tongban.gateway.opsapi.HealthChecks;
import org.tongban.ops.calendar.CalendarCoverage;
import org.tongban.ops.sla.SlaProfiles;

import java.util.List;

/**
 * The readiness checks that keep deadlines honest: {@code calendar} is down while the node needs
 * a year's working-day calendar it lacks (so deadlines into that year cannot be computed), and
 * {@code sla-profiles} is down while the federation directory names SLA profiles this node does
 * not define (so those members' deadlines are not tracked).
 */
public final class SlaReadiness {
    private SlaReadiness() {
    }

    public static void register(HealthChecks health, CalendarCoverage coverage, DirectoryHolder directory,
                                SlaProfiles profiles) {
        health.register("calendar", () -> calendar(coverage));
        health.register("sla-profiles", () -> profiles(directory.directory(), profiles));
    }

    static HealthChecks.Result calendar(CalendarCoverage coverage) {
        String problem = coverage.problem();
        return problem == null ? HealthChecks.Result.up() : HealthChecks.Result.down(problem);
    }

    static HealthChecks.Result profiles(FederationDirectory directory, SlaProfiles profiles) {
        List<String> unknown = directory.members().stream()
                .filter(m -> profiles.find(m.slaProfile()).isEmpty())
                .map(m -> m.id() + " (" + m.slaProfile() + ")").toList();
        return unknown.isEmpty() ? HealthChecks.Result.up() : HealthChecks.Result.down("the federation directory names"
                + " SLA profiles this node does not define, so those members' deadlines are not tracked: " + unknown
                + "; define them under sla.profiles");
    }
}
