package org.tongban.adapters.simulator.book;

/** The events a platform reports on an application, with the names every dialect uses on the wire. */
public enum EventType {
    ACCEPTED(ApplicationStatus.ACCEPTED, "已受理"),
    NOT_ACCEPTED(ApplicationStatus.NOT_ACCEPTED, "不予受理"),
    MATERIALS_REQUESTED(ApplicationStatus.MATERIALS_REQUESTED, "需补正"),
    REPAIRED(ApplicationStatus.REPAIRED, "已修复"),
    REFUSED(ApplicationStatus.REFUSED, "不予修复"),
    PUBLICITY_ENDED(ApplicationStatus.PUBLICITY_ENDED, "已终止公示");

    private final ApplicationStatus result;
    private final String chinese;

    EventType(ApplicationStatus result, String chinese) {
        this.result = result;
        this.chinese = chinese;
    }

    /** The application's status once the event happened. */
    public ApplicationStatus result() {
        return result;
    }

    /** The state name of the form-json platform ({@code zt}). */
    public String chinese() {
        return chinese;
    }
}
