package org.tongban.adapters.simulator.engine;

import io.vertx.core.Vertx;
import org.tongban.adapters.simulator.book.Application;
import org.tongban.adapters.simulator.book.ApplicationStatus;
import org.tongban.adapters.simulator.book.EventRecord;
import org.tongban.adapters.simulator.book.PlatformBook;
import org.tongban.adapters.simulator.policy.Action;
import org.tongban.adapters.simulator.policy.PolicyStep;

import java.util.List;

/**
 * Plays each application's decision policy on timers: one step after another, pausing after a
 * request for materials until the supplement arrives, stopping at a final status or a
 * withdrawal. Also carries out steps an operator asks for by hand.
 */
public final class PolicyRunner {
    private final Vertx vertx;
    private final PlatformBook book;
    private final EventPublisher publisher;

    public PolicyRunner(Vertx vertx, PlatformBook book, EventPublisher publisher) {
        this.vertx = vertx;
        this.book = book;
        this.publisher = publisher;
    }

    /** Starts the policy of a new application. */
    public void begin(Application app) {
        scheduleNext(app);
    }

    /** Materials arrived: a policy waiting for them goes on with its next step. */
    public void supplemented(Application app) {
        if (book.awaitingSupplement(app)) {
            book.awaitingSupplement(app, false);
            scheduleNext(app);
        }
    }

    /** The application was withdrawn: nothing more is decided on it. */
    public void withdrawn(Application app) {
        cancel(app);
    }

    /**
     * Does one step now, by hand.
     *
     * @throws IllegalStateException when the application's status does not allow the action
     */
    public EventRecord advance(Application app, PolicyStep step) {
        ApplicationStatus status = book.status(app);
        if (!Transitions.allowed(status, step.action())) {
            throw new IllegalStateException("application " + app.applicationNo() + " is " + status + "; "
                    + step.action() + " is possible from " + Transitions.allowedFrom(step.action()));
        }
        book.note(app, "MANUAL", step.action().name());
        EventRecord e = emit(app, step);
        if (step.action() == Action.ASK_MATERIALS) {
            book.awaitingSupplement(app, true);
        } else if (book.status(app).isFinal()) {
            cancel(app);
        }
        return e;
    }

    /** Stops every timer (before a reset or when the simulator stops). */
    public void cancelAll() {
        book.applications().forEach(this::cancel);
    }

    private void scheduleNext(Application app) {
        List<PolicyStep> steps = app.policy().steps();
        int index = book.nextStep(app);
        if (index >= steps.size() || book.status(app).isFinal()) {
            return;
        }
        PolicyStep step = steps.get(index);
        long id = vertx.setTimer(Math.max(1, step.delay().toMillis()), t -> perform(app, index, step));
        book.timerId(app, id);
    }

    private void perform(Application app, int index, PolicyStep step) {
        book.timerId(app, -1);
        ApplicationStatus status = book.status(app);
        if (status.isFinal() || book.nextStep(app) != index) {
            return;
        }
        book.nextStep(app, index + 1);
        if (!Transitions.allowed(status, step.action())) {
            book.note(app, "SKIPPED", step + ": not possible while " + status);
            scheduleNext(app);
            return;
        }
        emit(app, step);
        if (step.action() == Action.ASK_MATERIALS) {
            book.awaitingSupplement(app, true);
            return;
        }
        scheduleNext(app);
    }

    private EventRecord emit(Application app, PolicyStep step) {
        String decisionNo = "信修决〔" + book.today().getYear() + "〕" + book.member() + "-"
                + app.applicationNo().substring(app.applicationNo().length() - 5) + "号";
        EventRecord e = book.record(app, Transitions.draft(step, book.today(), decisionNo));
        publisher.published(app, e);
        return e;
    }

    private void cancel(Application app) {
        long id = book.timerId(app);
        if (id >= 0) {
            vertx.cancelTimer(id);
            book.timerId(app, -1);
        }
    }
}
