package org.tongban.adapters.simulator.policy;

import java.util.Arrays;
import java.util.Locale;

/** What the simulated platform does to an application at one step of its policy. */
public enum Action {
    /** 受理: the application is accepted. */
    ACCEPT,
    /** 不予受理: the application is not accepted (final). */
    NOT_ACCEPT,
    /** 补正: more materials are requested; the policy waits for the supplement before its next step. */
    ASK_MATERIALS,
    /** 修复: the repair is granted. */
    REPAIR,
    /** 不予修复: the repair is refused (final). */
    REFUSE,
    /** 终止公示: publicity of the penalty ended after the repair (final). */
    END_PUBLICITY;

    public static Action of(String name) {
        String wanted = name == null ? "" : name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values()).filter(a -> a.name().equals(wanted)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown action '" + name + "'; one of " + Arrays.toString(values())));
    }
}
