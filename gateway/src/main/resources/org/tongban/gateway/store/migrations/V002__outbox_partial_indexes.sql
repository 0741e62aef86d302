-- The claim, expiry and statistics queries look only at undelivered messages, which are few;
-- delivered ones pile up. Partial indexes keep those queries off the delivered rows.
DROP INDEX outbox_due;
CREATE INDEX outbox_pending ON outbox (seq) WHERE status = 'PENDING';
CREATE INDEX outbox_leased ON outbox (seq) WHERE status = 'IN_FLIGHT';
CREATE INDEX outbox_undelivered ON outbox (destination) WHERE status <> 'DELIVERED';
