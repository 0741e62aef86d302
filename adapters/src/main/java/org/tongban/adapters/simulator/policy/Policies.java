package org.tongban.adapters.simulator.policy;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The policies of one simulated platform: a default, and optionally one per enterprise credit
 * code (so that one firm's case can play a different story). Safe to use from any thread.
 */
public final class Policies {
    private final DecisionPolicy initialDefault;
    private final Map<String, DecisionPolicy> initialByCode;
    private DecisionPolicy defaultPolicy;
    private final Map<String, DecisionPolicy> byCreditCode = new TreeMap<>();

    public Policies(DecisionPolicy defaultPolicy, Map<String, DecisionPolicy> byCreditCode) {
        this.initialDefault = Objects.requireNonNull(defaultPolicy, "defaultPolicy");
        this.initialByCode = Map.copyOf(byCreditCode);
        reset();
    }

    /** The policy an application of {@code creditCode} is decided by. */
    public synchronized DecisionPolicy forCreditCode(String creditCode) {
        return byCreditCode.getOrDefault(creditCode, defaultPolicy);
    }

    public synchronized DecisionPolicy defaultPolicy() {
        return defaultPolicy;
    }

    public synchronized void setDefault(DecisionPolicy policy) {
        this.defaultPolicy = Objects.requireNonNull(policy, "policy");
    }

    public synchronized void setFor(String creditCode, DecisionPolicy policy) {
        byCreditCode.put(Objects.requireNonNull(creditCode, "creditCode"), Objects.requireNonNull(policy, "policy"));
    }

    /** Removes a credit code's own policy; returns whether it had one. */
    public synchronized boolean clearFor(String creditCode) {
        return byCreditCode.remove(creditCode) != null;
    }

    public synchronized Map<String, DecisionPolicy> byCreditCode() {
        return Map.copyOf(byCreditCode);
    }

    /** Back to the policies the simulator started with. */
    public synchronized void reset() {
        defaultPolicy = initialDefault;
        byCreditCode.clear();
        byCreditCode.putAll(initialByCode);
    }
}
