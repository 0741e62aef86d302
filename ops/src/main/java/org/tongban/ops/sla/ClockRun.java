package org.tongban.ops.sla;

import org.tongban.contracts.message.SlaClock;
import org.tongban.ops.calendar.WorkingDayCalendar;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One clock of one leg: when it started, its pauses, and where it stands. Pure: each step
 * returns a new run; the caller stores it.
 *
 * @param pausedAt when the current pause began, while {@link Status#PAUSED}
 */
public record ClockRun(SlaClock clock, String profile, SlaLimit limit, boolean escalate, Instant startedAt,
                       List<Pause> pauses, Instant pausedAt, Status status) {
    public enum Status {
        /** Counting; due at its deadline. */
        RUNNING,
        /** Standing still while the applicant owes materials. */
        PAUSED,
        /** Stopped in time. */
        STOPPED,
        /** Ran out; the breach was recorded. Further transitions leave it so. */
        BREACHED
    }

    public ClockRun {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(status, "status");
        pauses = List.copyOf(pauses);
        if ((status == Status.PAUSED) != (pausedAt != null)) {
            throw new IllegalArgumentException("pausedAt is set exactly while the clock is paused");
        }
    }

    /** A clock started at {@code at} under {@code limit} of {@code profile}. */
    public static ClockRun start(String profile, ClockLimit limit, Instant at) {
        return new ClockRun(limit.clock(), profile, limit.within(), limit.escalate(), at, List.of(), null, Status.RUNNING);
    }

    /** Stands still from {@code at}; only a running clock pauses. */
    public ClockRun pause(Instant at) {
        return status != Status.RUNNING ? this
                : new ClockRun(clock, profile, limit, escalate, startedAt, pauses, at, Status.PAUSED);
    }

    /** Runs again from {@code at}; only a paused clock resumes. */
    public ClockRun resume(Instant at) {
        if (status != Status.PAUSED) {
            return this;
        }
        List<Pause> more = new ArrayList<>(pauses);
        more.add(new Pause(pausedAt, at.isBefore(pausedAt) ? pausedAt : at));
        return new ClockRun(clock, profile, limit, escalate, startedAt, more, null, Status.RUNNING);
    }

    /** Stops in time; a breached or stopped clock stays as it is. */
    public ClockRun stop() {
        return status == Status.RUNNING || status == Status.PAUSED
                ? new ClockRun(clock, profile, limit, escalate, startedAt, pauses, null, Status.STOPPED) : this;
    }

    public ClockRun breached() {
        return new ClockRun(clock, profile, limit, escalate, startedAt, pauses, null, Status.BREACHED);
    }

    public ClockRun apply(ClockAction.Kind kind, Instant at) {
        switch (kind) {
            case PAUSE:
                return pause(at);
            case RESUME:
                return resume(at);
            case STOP:
                return stop();
            default:
                return this;
        }
    }

    /**
     * When the running clock runs out; empty when it is not running.
     *
     * @throws org.tongban.ops.calendar.CalendarYearMissingException when a working-day limit
     *         reaches a year the calendar lacks
     */
    public Optional<Instant> dueAt(WorkingDayCalendar calendar) {
        return status == Status.RUNNING ? Optional.of(limit.deadline(startedAt, pauses, calendar)) : Optional.empty();
    }
}
