-- Penalty sharing (信息共享). A member's platform reports penalty decisions; for enterprises
-- registered in another member city the penalizing member sends them, signed, to that home
-- member (single notices and batches), remembers them for the automatic end of publicity
-- (免申享), and the home member keeps what it received for its office, with the reminder
-- (期满提醒) when repair can be applied for. Dates are 'YYYY-MM-DD' text (China calendar days),
-- which compare correctly as text; times are epoch milliseconds.

-- Where each hosted member's penalty feed was read up to. Advanced in the same transaction that
-- queues the notices of the page, so a page is shared exactly once, across restarts and processes.
CREATE TABLE penalty_feed_positions (
  member VARCHAR(6) PRIMARY KEY,
  cursor TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);

-- Penalties this node's members shared with home members (the penalizing side's record).
CREATE TABLE shared_penalties (
  penalizing_member VARCHAR(6) NOT NULL,
  decision_number VARCHAR(100) NOT NULL,
  home_member VARCHAR(6) NOT NULL,
  credit_code VARCHAR(18) NOT NULL,
  enterprise_name VARCHAR(200) NOT NULL,
  authority VARCHAR(200) NOT NULL,
  decision_date VARCHAR(10) NOT NULL,
  category VARCHAR(20) NOT NULL,
  rule_set VARCHAR(32) NOT NULL,
  message_id VARCHAR(36) NOT NULL,
  shared_at BIGINT NOT NULL,
  automatic_end VARCHAR(10),
  ended_at BIGINT,
  end_message_id VARCHAR(36),
  PRIMARY KEY (penalizing_member, decision_number)
);
CREATE INDEX shared_penalties_due ON shared_penalties (automatic_end) WHERE ended_at IS NULL;

-- Penalty notices received by hosted home members, one row per penalty decision.
CREATE TABLE penalty_notices (
  notice_id VARCHAR(36) PRIMARY KEY,
  home_member VARCHAR(6) NOT NULL,
  penalizing_member VARCHAR(6) NOT NULL,
  decision_number VARCHAR(100) NOT NULL,
  credit_code VARCHAR(18) NOT NULL,
  enterprise_name VARCHAR(200) NOT NULL,
  authority VARCHAR(200) NOT NULL,
  decision_date VARCHAR(10) NOT NULL,
  category VARCHAR(20) NOT NULL,
  rule_set VARCHAR(32) NOT NULL,
  summary TEXT,
  published_on VARCHAR(10),
  message_id VARCHAR(36) NOT NULL,
  batch_id VARCHAR(64),
  leaf_index INTEGER,
  received_at BIGINT NOT NULL,
  earliest_application VARCHAR(10),
  automatic_end VARCHAR(10),
  reminded_at BIGINT,
  ended_on VARCHAR(10),
  end_cause VARCHAR(24),
  case_id VARCHAR(36),
  UNIQUE (penalizing_member, decision_number)
);
CREATE INDEX penalty_notices_home ON penalty_notices (home_member, notice_id);
CREATE INDEX penalty_notices_code ON penalty_notices (credit_code);
CREATE INDEX penalty_notices_remind ON penalty_notices (earliest_application)
  WHERE reminded_at IS NULL AND ended_on IS NULL AND case_id IS NULL;
