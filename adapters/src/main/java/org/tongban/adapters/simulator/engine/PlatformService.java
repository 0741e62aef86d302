package org.tongban.adapters.simulator.engine;

import org.tongban.adapters.simulator.book.Application;
import org.tongban.adapters.simulator.book.ApplicationStatus;
import org.tongban.adapters.simulator.book.Material;
import org.tongban.adapters.simulator.book.NewApplication;
import org.tongban.adapters.simulator.book.PlatformBook;
import org.tongban.adapters.simulator.policy.Policies;

import java.util.List;

/**
 * What every dialect does with a submission once it has read it: take an application (once per
 * external id) and start its policy, take supplementary materials, take a withdrawal.
 */
public final class PlatformService {
    /** How a supplement or withdrawal went: taken, or refused because the application is closed. */
    public enum Outcome {
        TAKEN, REFUSED
    }

    private final PlatformBook book;
    private final Policies policies;
    private final PolicyRunner runner;

    public PlatformService(PlatformBook book, Policies policies, PolicyRunner runner) {
        this.book = book;
        this.policies = policies;
        this.runner = runner;
    }

    public PlatformBook book() {
        return book;
    }

    public PolicyRunner runner() {
        return runner;
    }

    public PlatformBook.Submission submit(NewApplication request) {
        PlatformBook.Submission s = book.submit(request, policies.forCreditCode(request.creditCode()));
        if (s.created()) {
            runner.begin(s.application());
        }
        return s;
    }

    public Outcome supplement(Application app, List<Material> materials, String note) {
        ApplicationStatus status = book.status(app);
        if (status.isFinal() || status == ApplicationStatus.REPAIRED) {
            return Outcome.REFUSED;
        }
        book.supplement(app, materials, note);
        runner.supplemented(app);
        return Outcome.TAKEN;
    }

    /** A repeated withdrawal is taken again; a decided application cannot be withdrawn. */
    public Outcome withdraw(Application app, String reason, String note) {
        ApplicationStatus status = book.status(app);
        if (status == ApplicationStatus.WITHDRAWN) {
            return Outcome.TAKEN;
        }
        if (status.isFinal() || status == ApplicationStatus.REPAIRED) {
            return Outcome.REFUSED;
        }
        book.withdraw(app, reason, note);
        runner.withdrawn(app);
        return Outcome.TAKEN;
    }

    /** Why a supplement or withdrawal was refused, for the dialect's error text. */
    public String closedReason(Application app) {
        return "application " + app.applicationNo() + " is " + book.status(app) + "; nothing more can be submitted";
    }
}
