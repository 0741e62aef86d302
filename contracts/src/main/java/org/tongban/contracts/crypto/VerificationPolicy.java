package org.tongban.contracts.crypto;

import java.time.Duration;

/**
 * Time rules a verifier applies besides the signature.
 *
 * @param clockSkew    how far in the future {@code sentAt} may be, for clocks that run ahead
 * @param replayWindow how old {@code sentAt} may be; older messages are refused, so a receiver
 *                     need remember message ids only for this long. {@code null} turns the
 *                     check off (offline verification of archived messages)
 */
public record VerificationPolicy(Duration clockSkew, Duration replayWindow) {
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofMinutes(5);
    public static final Duration DEFAULT_REPLAY_WINDOW = Duration.ofDays(7);

    /** Online verification at a node: 5 minutes of skew, a 7-day replay window. */
    public static final VerificationPolicy ONLINE = new VerificationPolicy(DEFAULT_CLOCK_SKEW, DEFAULT_REPLAY_WINDOW);
    /** Verification of stored messages at a chosen instant: no replay window. */
    public static final VerificationPolicy ARCHIVE = new VerificationPolicy(DEFAULT_CLOCK_SKEW, null);
}
