-- The penalizing side's record of the penalties it shared is kept once per message, with a
-- small state row per penalty. A row per penalty with every detail and a due-date index cost
-- the sending node three B-tree inserts and twelve bound values per shared notice; the details
-- and the due date are now written once per message.
--
-- shared_messages: one row per message that shared penalties (a batch, or a single notice).
-- penalties is a JSON array with one array per penalty, in this order: decision number,
-- authority, decision date, category, rule set, credit code, enterprise name, automatic end
-- (免申享, 'YYYY-MM-DD', or null when the rules give none). next_end is the earliest automatic
-- end among the message's penalties that it still has to end, NULL when none is left; the
-- automatic-end job moves it on as it ends them.
CREATE TABLE shared_messages (
  seq ${IDENTITY},
  message_id VARCHAR(36) NOT NULL,
  penalizing_member VARCHAR(6) NOT NULL,
  home_member VARCHAR(6) NOT NULL,
  shared_at BIGINT NOT NULL,
  next_end VARCHAR(10),
  penalties TEXT NOT NULL
);
CREATE INDEX shared_messages_due ON shared_messages (next_end, seq) WHERE next_end IS NOT NULL;

-- One row per penalty decision shared: the first message that shared it (a decision the
-- platform reports again is shared again but ends once, by that first message) and its end.
CREATE TABLE shared_penalty_states (
  penalizing_member VARCHAR(6) NOT NULL,
  decision_number VARCHAR(100) NOT NULL,
  message_id VARCHAR(36) NOT NULL,
  ended_at BIGINT,
  end_message_id VARCHAR(36),
  PRIMARY KEY (penalizing_member, decision_number)
${SQLITE_ONLY}) WITHOUT ROWID;
${POSTGRESQL_ONLY});

-- Penalties shared before this migration, carried over.
${SQLITE_ONLY}INSERT INTO shared_messages (message_id, penalizing_member, home_member, shared_at, next_end, penalties)
${SQLITE_ONLY}  SELECT message_id, penalizing_member, home_member, MIN(shared_at),
${SQLITE_ONLY}         MIN(CASE WHEN ended_at IS NULL THEN automatic_end END),
${SQLITE_ONLY}         json_group_array(json_array(decision_number, authority, decision_date, category, rule_set,
${SQLITE_ONLY}                                     credit_code, enterprise_name, automatic_end))
${SQLITE_ONLY}  FROM shared_penalties GROUP BY message_id, penalizing_member, home_member;
${POSTGRESQL_ONLY}INSERT INTO shared_messages (message_id, penalizing_member, home_member, shared_at, next_end, penalties)
${POSTGRESQL_ONLY}  SELECT message_id, penalizing_member, home_member, MIN(shared_at),
${POSTGRESQL_ONLY}         MIN(CASE WHEN ended_at IS NULL THEN automatic_end END),
${POSTGRESQL_ONLY}         json_agg(json_build_array(decision_number, authority, decision_date, category, rule_set,
${POSTGRESQL_ONLY}                                   credit_code, enterprise_name, automatic_end))::text
${POSTGRESQL_ONLY}  FROM shared_penalties GROUP BY message_id, penalizing_member, home_member;
INSERT INTO shared_penalty_states (penalizing_member, decision_number, message_id, ended_at, end_message_id)
  SELECT penalizing_member, decision_number, message_id, ended_at, end_message_id FROM shared_penalties;
DROP TABLE shared_penalties;
