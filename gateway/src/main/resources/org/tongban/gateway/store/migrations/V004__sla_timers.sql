-- Durable SLA timers: one row per service-level clock of a leg, due at its deadline (NULL while
-- paused, stopped, or when the working-day calendar lacks a year the deadline needs). Several
-- processes on one PostgreSQL claim due rows with FOR UPDATE SKIP LOCKED under a lease; a row
-- fires once, in the transaction that marks it BREACHED together with its timeline event and
-- escalation.
CREATE TABLE sla_timers (
  leg_id VARCHAR(36) NOT NULL,
  clock VARCHAR(16) NOT NULL,
  case_id VARCHAR(36) NOT NULL,
  home_member VARCHAR(6) NOT NULL,
  penalizing_member VARCHAR(6) NOT NULL,
  profile VARCHAR(32) NOT NULL,
  within_limit VARCHAR(32) NOT NULL,
  escalate INTEGER NOT NULL,
  status VARCHAR(12) NOT NULL,
  started_at BIGINT NOT NULL,
  pauses TEXT NOT NULL,
  paused_at BIGINT,
  due_at BIGINT,
  lease_owner VARCHAR(64),
  lease_until BIGINT,
  fired_at BIGINT,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (leg_id, clock)
);
CREATE INDEX sla_timers_due ON sla_timers (due_at) WHERE status = 'RUNNING';
CREATE INDEX sla_timers_case ON sla_timers (case_id);
