package org.tongban.gateway.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;

/** A configuration value that is never printed: its {@code toString} is redacted. */
public final class Secret {
    private final String value;

    @JsonCreator
    public Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /** The secret itself; call only where it is used, never to log it. */
    public String reveal() {
        return value;
    }

    @JsonValue
    String redactedForJson() {
        return "***";
    }

    @Override
    public String toString() {
        return "***";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret && ((Secret) o).value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
