package org.tongban.ops.metrics;

/**
 * The names and tags of every Tongban metric, in one place, so that dashboards, alert rules and
 * the code agree. Micrometer names are dotted; the Prometheus registry renders them with
 * underscores and unit suffixes (e.g. {@code tongban.messages.in} → {@code tongban_messages_in_total}).
 */
public final class MetricNames {
    /** Envelopes received on the federation API. Tags: member, peer, type, outcome. */
    public static final String MESSAGES_IN = "tongban.messages.in";
    /** Envelopes and platform submissions delivered or failed. Tags: member, peer, type, outcome. */
    public static final String MESSAGES_OUT = "tongban.messages.out";
    /** Time from receiving an envelope to answering it. Tags: type, outcome. */
    public static final String INBOUND_LATENCY = "tongban.inbound.latency";
    /** Time of one delivery attempt. Tags: destination, outcome. */
    public static final String DELIVERY_LATENCY = "tongban.delivery.latency";
    /** Messages waiting in the outbox. Tags: destination. */
    public static final String OUTBOX_DEPTH = "tongban.outbox.depth";
    /** Age of the oldest undelivered message in seconds. Tags: destination. */
    public static final String OUTBOX_OLDEST_AGE = "tongban.outbox.oldest.age";
    /** Dead letters currently kept. Tags: destination. */
    public static final String DEAD_LETTERS = "tongban.dead.letters";
    /** Messages dead-lettered. Tags: destination, reason. */
    public static final String DEAD_LETTERED = "tongban.dead.lettered";
    /** New outbox rows left to the store's claim because their destination already had a claim's worth in memory. No tags. */
    public static final String OUTBOX_GIVEN_BACK = "tongban.outbox.given.back";
    /** Envelopes refused at verification. Tags: code. */
    public static final String VERIFICATION_FAILURES = "tongban.verification.failures";
    /** Leg transitions applied. Tags: member, to. */
    public static final String LEG_TRANSITIONS = "tongban.leg.transitions";
    /** Circuit state per peer: 0 closed, 1 open, 2 half-open. Tags: peer. */
    public static final String CIRCUIT_STATE = "tongban.circuit.state";
    /** Platform events taken from adapters. Tags: member, type, outcome. */
    public static final String PLATFORM_EVENTS = "tongban.platform.events";
    /** Service-level deadlines that ran out (Prometheus {@code tongban_sla_breaches_total}). Tags: member, clock, profile. */
    public static final String SLA_BREACHES = "tongban.sla.breaches";
    /** Needed years (this year, the year ahead, years asked for) without working-day data. No tags. */
    public static final String CALENDAR_YEARS_MISSING = "tongban.calendar.years.missing";
    /** 1 while a needed year has no working-day data, else 0. Tags: year. */
    public static final String CALENDAR_YEAR_MISSING = "tongban.calendar.year.missing";

    /**
     * Penalty decisions read from a member's platform for sharing (信息共享), by what became of them.
     * Tags: member (the penalizing member), outcome ({@code single}, {@code batched}, {@code at_home},
     * {@code home_not_in_directory}, {@code not_this_member}).
     */
    public static final String PENALTY_NOTICES_SHARED = "tongban.penalty.notices.shared";
    /** Penalty notices received at a home member, singly or in batches. Tags: member, peer, type. */
    public static final String PENALTY_NOTICES_RECEIVED = "tongban.penalty.notices.received";
    /** Reminders (期满提醒) that repair of a notice's penalty can be applied for. Tags: member. */
    public static final String PENALTY_REMINDERS = "tongban.penalty.reminders";
    /** Ends of publicity at the maximum period (免申享) recorded and shared. Tags: member, outcome. */
    public static final String PUBLICITY_AUTO_ENDED = "tongban.publicity.auto.ended";

    public static final String TAG_MEMBER = "member";
    public static final String TAG_PEER = "peer";
    public static final String TAG_TYPE = "type";
    public static final String TAG_OUTCOME = "outcome";
    public static final String TAG_CODE = "code";
    public static final String TAG_DESTINATION = "destination";
    public static final String TAG_REASON = "reason";
    public static final String TAG_TO = "to";
    public static final String TAG_CLOCK = "clock";
    public static final String TAG_PROFILE = "profile";
    public static final String TAG_YEAR = "year";

    private MetricNames() {
    }
}
