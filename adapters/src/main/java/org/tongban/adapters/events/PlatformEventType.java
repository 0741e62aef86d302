package org.tongban.adapters.events;

/** The event types every pushing dialect shares (DIALECTS.md vocabulary). */
public enum PlatformEventType {
    /** 受理. */
    ACCEPTED,
    /** 不予受理. */
    NOT_ACCEPTED,
    /** 补正. */
    MATERIALS_REQUESTED,
    /** 修复. */
    REPAIRED,
    /** 不予修复. */
    REFUSED,
    /** 终止公示. */
    PUBLICITY_ENDED
}
