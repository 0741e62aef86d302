package org.tongban.adapters.simulator.fault;

/**
 * A failure the simulator decided to answer a call with; each dialect writes it in its own shape.
 *
 * @param bodyCode          the dialect's body status code to answer with HTTP 200, or {@code null}
 * @param retryAfterSeconds the Retry-After to announce, or {@code null}
 */
public record InjectedFailure(int status, String bodyCode, Integer retryAfterSeconds) {
}
