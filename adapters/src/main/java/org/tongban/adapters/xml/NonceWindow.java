package org.tongban.adapters.xml;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The nonces of signed requests received in the last {@code window}, so that a captured
 * request cannot be replayed. Bounded: when full, new nonces are refused (the platform
 * retries later) rather than older ones forgotten.
 */
final class NonceWindow {
    private final Duration window;
    private final int capacity;
    private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>();

    NonceWindow(Duration window, int capacity) {
        this.window = window;
        this.capacity = capacity;
    }

    /** True the first time {@code nonce} is seen within the window; records it. */
    synchronized boolean firstUse(String nonce, Instant now) {
        Instant horizon = now.minus(window);
        for (Iterator<Map.Entry<String, Instant>> it = seen.entrySet().iterator(); it.hasNext(); ) {
            if (it.next().getValue().isAfter(horizon)) {
                break;
            }
            it.remove();
        }
        if (seen.containsKey(nonce) || seen.size() >= capacity) {
            return false;
        }
        seen.put(nonce, now);
        return true;
    }
}
