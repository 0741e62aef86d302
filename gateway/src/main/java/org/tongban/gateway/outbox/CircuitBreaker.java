package org.tongban.gateway.outbox;

import java.time.Duration;
import java.time.Instant;

/**
 * A circuit breaker for one outbox destination (a peer node or a member's platform). Closed, it
 * lets everything through and counts consecutive retryable failures; at the threshold it opens
 * and the outbox stops claiming the destination's messages. After {@code openFor} one trial is
 * let through (half-open): success closes the circuit, failure opens it again. Not thread-safe:
 * the outbox worker uses it from its own context only.
 */
final class CircuitBreaker {
    enum State {
        CLOSED(0), OPEN(1), HALF_OPEN(2);

        /** The value of the circuit-state gauge. */
        final int gauge;

        State(int gauge) {
            this.gauge = gauge;
        }
    }

    private final int threshold;
    private final Duration openFor;
    private State state = State.CLOSED;
    private int failures;
    private Instant openedAt;
    private boolean trialUnderWay;

    CircuitBreaker(int threshold, Duration openFor) {
        if (threshold < 1) {
            throw new IllegalArgumentException("a circuit opens after at least one failure, not " + threshold);
        }
        this.threshold = threshold;
        this.openFor = openFor;
    }

    State state() {
        return state;
    }

    /** When an open circuit admits its trial. */
    Instant trialAt() {
        return openedAt == null ? Instant.MIN : openedAt.plus(openFor);
    }

    /** True when the destination's messages may be claimed now: closed, or ready for a trial not yet started. */
    boolean admitsClaims(Instant now) {
        return switch (state) {
            case CLOSED -> true;
            case OPEN -> !now.isBefore(trialAt());
            case HALF_OPEN -> !trialUnderWay;
        };
    }

    /** Asks to send one request now; when the circuit is open long enough, this request is the trial. */
    boolean tryAcquire(Instant now) {
        switch (state) {
            case CLOSED:
                return true;
            case OPEN:
                if (now.isBefore(trialAt())) {
                    return false;
                }
                state = State.HALF_OPEN;
                trialUnderWay = true;
                return true;
            default:
                if (trialUnderWay) {
                    return false;
                }
                trialUnderWay = true;
                return true;
        }
    }

    /** The destination answered (delivered, or refused for good: it is up either way). */
    void onSuccess() {
        state = State.CLOSED;
        failures = 0;
        trialUnderWay = false;
        openedAt = null;
    }

    /** A retryable failure; returns true when it opened the circuit. */
    boolean onFailure(Instant now) {
        switch (state) {
            case CLOSED:
                if (++failures < threshold) {
                    return false;
                }
                break;
            case HALF_OPEN:
                break;
            default:
                return false; // a request sent before the circuit opened; it stays open as it is
        }
        state = State.OPEN;
        openedAt = now;
        trialUnderWay = false;
        return true;
    }
}
