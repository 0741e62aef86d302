-- Tongban store, version 1. Timestamps are epoch milliseconds; JSON is stored as canonical text.

CREATE TABLE inbox (
  message_id VARCHAR(36) PRIMARY KEY,
  from_member VARCHAR(6) NOT NULL,
  to_member VARCHAR(6) NOT NULL,
  message_type VARCHAR(32) NOT NULL,
  case_id VARCHAR(36),
  leg_id VARCHAR(36),
  sha256 VARCHAR(64) NOT NULL,
  envelope TEXT NOT NULL,
  receipt TEXT NOT NULL,
  received_at BIGINT NOT NULL
);
CREATE INDEX inbox_leg ON inbox (leg_id);
CREATE INDEX inbox_received ON inbox (received_at);

CREATE TABLE outbox (
  seq ${IDENTITY},
  message_id VARCHAR(36) NOT NULL,
  destination VARCHAR(80) NOT NULL,
  ordering_key VARCHAR(80) NOT NULL,
  message_type VARCHAR(32) NOT NULL,
  to_member VARCHAR(6) NOT NULL,
  case_id VARCHAR(36),
  leg_id VARCHAR(36),
  envelope TEXT NOT NULL,
  status VARCHAR(12) NOT NULL,
  attempts INTEGER NOT NULL,
  next_attempt_at BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  lease_owner VARCHAR(64),
  lease_until BIGINT,
  last_error_key VARCHAR(40),
  last_error TEXT,
  delivered_at BIGINT,
  receipt TEXT,
  UNIQUE (destination, message_id)
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_order ON outbox (ordering_key, seq);
CREATE INDEX outbox_leg ON outbox (leg_id);

CREATE TABLE cases (
  case_id VARCHAR(36) PRIMARY KEY,
  home_member VARCHAR(6) NOT NULL,
  credit_code VARCHAR(18) NOT NULL,
  enterprise_name VARCHAR(200) NOT NULL,
  status VARCHAR(12) NOT NULL,
  applied_on VARCHAR(10),
  home_reference VARCHAR(100),
  created_by VARCHAR(100) NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX cases_home ON cases (home_member, case_id);
CREATE INDEX cases_code ON cases (credit_code);

CREATE TABLE legs (
  leg_id VARCHAR(36) PRIMARY KEY,
  case_id VARCHAR(36) NOT NULL REFERENCES cases (case_id),
  home_member VARCHAR(6) NOT NULL,
  penalizing_member VARCHAR(6) NOT NULL,
  state VARCHAR(24) NOT NULL,
  decision_number VARCHAR(100) NOT NULL,
  penalty TEXT NOT NULL,
  platform_reference VARCHAR(100),
  state_since BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL
);
CREATE INDEX legs_case ON legs (case_id);
CREATE INDEX legs_penalizing ON legs (penalizing_member, state);

CREATE TABLE leg_events (
  seq ${IDENTITY},
  case_id VARCHAR(36) NOT NULL,
  leg_id VARCHAR(36) NOT NULL,
  at BIGINT NOT NULL,
  kind VARCHAR(32) NOT NULL,
  from_state VARCHAR(24),
  to_state VARCHAR(24),
  message_id VARCHAR(36),
  actor VARCHAR(100) NOT NULL,
  detail TEXT
);
CREATE INDEX leg_events_case ON leg_events (case_id, seq);

CREATE TABLE platform_events (
  member VARCHAR(6) NOT NULL,
  event_id VARCHAR(100) NOT NULL,
  leg_id VARCHAR(36),
  received_at BIGINT NOT NULL,
  PRIMARY KEY (member, event_id)
);

CREATE TABLE idempotency_keys (
  member VARCHAR(6) NOT NULL,
  idem_key VARCHAR(100) NOT NULL,
  request_sha256 VARCHAR(64) NOT NULL,
  case_id VARCHAR(36) NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (member, idem_key)
);

CREATE TABLE audit_log (
  seq BIGINT PRIMARY KEY,
  at BIGINT NOT NULL,
  actor VARCHAR(100) NOT NULL,
  member VARCHAR(6),
  action VARCHAR(60) NOT NULL,
  subject VARCHAR(100),
  detail TEXT,
  prev_hash VARCHAR(64) NOT NULL,
  hash VARCHAR(64) NOT NULL
);

CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY,
  last_seq BIGINT NOT NULL,
  last_hash VARCHAR(64) NOT NULL
);
INSERT INTO audit_head (id, last_seq, last_hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
