package org.tongban.gateway.sharing;

import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.message.PenaltyNotice;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * Where a penalty decision read from a member's platform goes: to the home member of the
 * penalized enterprise, found from positions 3–8 of its credit code alone (咸安区 421202 →
 * 咸宁市 421200; any district of Tianjin → 120000). Enterprises registered in the penalizing city
 * itself are not shared, and neither are those whose home is not a member of the federation.
 */
public final class HomeRouting {
    /** What becomes of one decision; {@link #tag()} is the metric outcome. */
    public enum Outcome {
        /** Sent to the home member. */
        SHARE("shared"),
        /** The enterprise is registered in the penalizing city: nobody to tell. */
        AT_HOME("at_home"),
        /** The home city is not in the federation directory: counted and logged. */
        HOME_NOT_IN_DIRECTORY("home_not_in_directory"),
        /** The platform reported a decision of another member's authority: not ours to share. */
        NOT_THIS_MEMBER("not_this_member");

        private final String tag;

        Outcome(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }
    }

    /** The outcome for one decision and the enterprise's home member. */
    public record Route(Outcome outcome, MemberId home) {
    }

    private final Predicate<MemberId> isMember;

    /** @param isMember whether a member is in the federation directory in force */
    public HomeRouting(Predicate<MemberId> isMember) {
        this.isMember = Objects.requireNonNull(isMember, "isMember");
    }

    public Route route(MemberId penalizing, PenaltyNotice notice) {
        MemberId home = notice.enterprise().creditCode().homeMember();
        if (!notice.penalty().penalizingMember().equals(penalizing)) {
            return new Route(Outcome.NOT_THIS_MEMBER, home);
        }
        if (home.equals(penalizing)) {
            return new Route(Outcome.AT_HOME, home);
        }
        if (!isMember.test(home)) {
            return new Route(Outcome.HOME_NOT_IN_DIRECTORY, home);
        }
        return new Route(Outcome.SHARE, home);
    }
}
