-- A shared message's penalties keep in shared_messages only their decision numbers and automatic
-- ends; the rest (enterprise, authority, decision date, category, rule set) is read, when an
-- automatic end is due, from the envelope that shared them, which the outbox keeps (or, for a
-- home member hosted on this node, the inbox). Lists written before this migration keep their
-- details and are read as they are. The outbox is found by message id through this index.
CREATE INDEX outbox_message ON outbox (message_id);
