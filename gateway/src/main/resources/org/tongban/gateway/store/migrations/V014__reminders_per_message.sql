-- The reminder that repair can be applied for (期满提醒) is found through one row per received
-- message instead of an index entry per notice. The partial index penalty_notices_remind cost the
-- thread that commits received envelopes one more B-tree insert for every notice received, to
-- serve a job that runs once a day.
--
-- notice_reminders: one row per message that carried notices with an earliest application day.
-- Its notices are the rows of penalty_notices with that message_id whose notice_id lies between
-- first_notice and last_notice (a message's notices are given their ids together, in arrival
-- order). next_remind is the earliest application day of those still to remind (not reminded, not
-- ended, without a case, not past their maximum period), NULL when none is left; the reminder job
-- moves it on as it reminds them. A row may be early (a notice ended or linked to a case meanwhile):
-- the job then finds nothing due and moves it on.
CREATE TABLE notice_reminders (
  seq ${IDENTITY},
  message_id VARCHAR(36) NOT NULL,
  first_notice VARCHAR(36) NOT NULL,
  last_notice VARCHAR(36) NOT NULL,
  next_remind VARCHAR(10)
);
CREATE INDEX notice_reminders_due ON notice_reminders (next_remind, seq) WHERE next_remind IS NOT NULL;

-- Notices received before this migration and still to remind, carried over.
INSERT INTO notice_reminders (message_id, first_notice, last_notice, next_remind)
  SELECT message_id, MIN(notice_id), MAX(notice_id), MIN(earliest_application) FROM penalty_notices
  WHERE reminded_at IS NULL AND ended_on IS NULL AND case_id IS NULL AND earliest_application IS NOT NULL
  GROUP BY message_id;
DROP INDEX penalty_notices_remind;
