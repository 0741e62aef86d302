-- Envelopes and receipts of a few kilobytes (every message but a batch of notices) stay inline and
-- uncompressed on PostgreSQL: compressing them with pglz cost more CPU per message than any other
-- write of the store. Larger rows (batches of notices) are still compressed and moved out of line.
${POSTGRESQL_ONLY}ALTER TABLE inbox SET (toast_tuple_target = 8160);
${POSTGRESQL_ONLY}ALTER TABLE outbox SET (toast_tuple_target = 8160);
-- Outbox sequence numbers in blocks of 64: one nextval gives a transaction 64 numbers (SqlTx.SEQ_BLOCK).
${POSTGRESQL_ONLY}ALTER TABLE outbox ALTER COLUMN seq SET INCREMENT BY 64;
