package org.tongban.adapters.simulator;

import java.util.Arrays;
import java.util.Locale;

/**
 * The platform dialects the simulator speaks (adapters/DIALECTS.md). {@link #FORM_JSON} is the
 * demo platform that the {@code declarative} adapter reaches through a mapping file.
 */
public enum Dialect {
    REST_OAUTH2("rest-oauth2", true),
    XML_HMAC("xml-hmac", true),
    POLLING("polling", false),
    FORM_JSON("form-json", false);

    private final String id;
    private final boolean pushes;

    Dialect(String id, boolean pushes) {
        this.id = id;
        this.pushes = pushes;
    }

    /** The id used on the command line and in DIALECTS.md. */
    public String id() {
        return id;
    }

    /** Whether the platform pushes its events to a callback URL (otherwise the adapter polls a change feed). */
    public boolean pushes() {
        return pushes;
    }

    public static Dialect of(String id) {
        String wanted = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(d -> d.id.equals(wanted)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown dialect '" + id + "'; one of "
                        + Arrays.stream(values()).map(Dialect::id).toList()));
    }
}
