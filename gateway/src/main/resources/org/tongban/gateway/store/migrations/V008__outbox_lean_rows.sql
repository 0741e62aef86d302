-- Leaner outbox rows and indexes (the outbox is written several times per message).
--
-- A received message handed to its member's platform is stored once: its outbox row leaves
-- envelope NULL and is read with the envelope of the inbox row of the same message id (inbox rows
-- are never deleted). Each such hand-over so writes its envelope once instead of three times (the
-- inbox row, the outbox row, and the outbox row again when it is marked delivered).
${POSTGRESQL_ONLY}ALTER TABLE outbox ALTER COLUMN envelope DROP NOT NULL;
${POSTGRESQL_ONLY}DROP INDEX outbox_order;
-- SQLite cannot drop a NOT NULL constraint: the table is rebuilt with the same columns and indexes.
${SQLITE_ONLY}CREATE TABLE outbox_v008 (
${SQLITE_ONLY}  seq INTEGER PRIMARY KEY AUTOINCREMENT,
${SQLITE_ONLY}  message_id VARCHAR(36) NOT NULL,
${SQLITE_ONLY}  destination VARCHAR(80) NOT NULL,
${SQLITE_ONLY}  ordering_key VARCHAR(80) NOT NULL,
${SQLITE_ONLY}  message_type VARCHAR(32) NOT NULL,
${SQLITE_ONLY}  to_member VARCHAR(6) NOT NULL,
${SQLITE_ONLY}  case_id VARCHAR(36),
${SQLITE_ONLY}  leg_id VARCHAR(36),
${SQLITE_ONLY}  envelope TEXT,
${SQLITE_ONLY}  status VARCHAR(12) NOT NULL,
${SQLITE_ONLY}  attempts INTEGER NOT NULL,
${SQLITE_ONLY}  next_attempt_at BIGINT NOT NULL,
${SQLITE_ONLY}  created_at BIGINT NOT NULL,
${SQLITE_ONLY}  lease_owner VARCHAR(64),
${SQLITE_ONLY}  lease_until BIGINT,
${SQLITE_ONLY}  last_error_key VARCHAR(40),
${SQLITE_ONLY}  last_error TEXT,
${SQLITE_ONLY}  delivered_at BIGINT,
${SQLITE_ONLY}  receipt TEXT,
${SQLITE_ONLY}  UNIQUE (destination, message_id)
${SQLITE_ONLY});
${SQLITE_ONLY}INSERT INTO outbox_v008 SELECT seq, message_id, destination, ordering_key, message_type, to_member, case_id,
${SQLITE_ONLY}  leg_id, envelope, status, attempts, next_attempt_at, created_at, lease_owner, lease_until, last_error_key,
${SQLITE_ONLY}  last_error, delivered_at, receipt FROM outbox;
${SQLITE_ONLY}DROP TABLE outbox;
${SQLITE_ONLY}ALTER TABLE outbox_v008 RENAME TO outbox;
${SQLITE_ONLY}CREATE INDEX outbox_leg ON outbox (leg_id);
${SQLITE_ONLY}CREATE INDEX outbox_pending ON outbox (seq) WHERE status = 'PENDING';
${SQLITE_ONLY}CREATE INDEX outbox_leased ON outbox (seq) WHERE status = 'IN_FLIGHT';
${SQLITE_ONLY}CREATE INDEX outbox_undelivered ON outbox (destination) WHERE status <> 'DELIVERED';
-- A leg's order is kept among its undelivered messages only: the index of each ordering key's open
-- messages stays as small as the backlog, is not written when a message is marked delivered, and
-- answers "is this the leg's first open message?" in one probe (it replaces outbox_order, which held
-- every message ever sent).
CREATE INDEX outbox_open_order ON outbox (ordering_key, seq) WHERE status <> 'DELIVERED';
