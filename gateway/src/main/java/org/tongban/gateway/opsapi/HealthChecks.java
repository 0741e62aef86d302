package org.tongban.gateway.opsapi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The named readiness checks of a node (store, directory, each member's platform…), registered
 * by whoever owns the thing checked. A check may block; the ops API runs each on a worker with a
 * time limit. A check that throws counts as down, with the exception as its reason.
 */
public final class HealthChecks {
    /** One check's answer: healthy or not, and why not. */
    public record Result(boolean healthy, String reason) {
        public static Result up() {
            return new Result(true, null);
        }

        public static Result down(String reason) {
            return new Result(false, Objects.requireNonNull(reason, "say why a check is down"));
        }
    }

    private final Map<String, Supplier<Result>> checks = Collections.synchronizedMap(new LinkedHashMap<>());

    /** Adds a check; a name is registered once. */
    public HealthChecks register(String name, Supplier<Result> check) {
        Objects.requireNonNull(check, "check");
        if (checks.putIfAbsent(Objects.requireNonNull(name, "name"), check) != null) {
            throw new IllegalArgumentException("a health check named '" + name + "' is already registered");
        }
        return this;
    }

    /** Adds a check unless one of that name exists (defaults that a node may have replaced). */
    public HealthChecks registerIfAbsent(String name, Supplier<Result> check) {
        checks.putIfAbsent(name, check);
        return this;
    }

    /** The checks, by name, in registration order. */
    public Map<String, Supplier<Result>> checks() {
        synchronized (checks) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(checks));
        }
    }

    /** Runs one check; blocking. A failure to answer is an answer: down, saying why. */
    public static Result run(Supplier<Result> check) {
        try {
            Result r = check.get();
            return r != null ? r : Result.down("the check gave no answer");
        } catch (RuntimeException e) {
            return Result.down("the check failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }
}
