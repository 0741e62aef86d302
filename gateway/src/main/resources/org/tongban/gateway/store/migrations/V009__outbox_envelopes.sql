-- On SQLite the envelope of a message sent from this node is kept apart from its outbox row.
-- SQLite writes a whole row again when any column of it changes, and an envelope (a batch of
-- penalty notices is over half a megabyte) was so written three times: when the message was
-- queued, when it was leased and when it was delivered. Kept apart it is written once; the
-- outbox row's own envelope column stays NULL (unless a redrive replaces the envelope) and the
-- outbox's reads take the envelope from here. Rows queued before this migration keep theirs.
-- PostgreSQL keeps an unchanged large value where it is when a row is updated, and needs no such table.
${SQLITE_ONLY}CREATE TABLE outbox_envelopes (
${SQLITE_ONLY}  seq INTEGER PRIMARY KEY,
${SQLITE_ONLY}  envelope TEXT NOT NULL
${SQLITE_ONLY});
