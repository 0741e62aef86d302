-- A received penalty notice keeps in its row what is looked up and changed (its ids, the keys the
-- office filters by, its dates and its state); its details (enterprise name, authority, decision
-- date, category, rule set, summary, publication day, batch id) are read from the envelope that
-- carried it, which the inbox keeps as evidence: message_id names it and leaf_index is the
-- notice's position in a batch (NULL for a single PenaltyNotice or a PublicityEnded). Copying the
-- details into the row had the home node bind eighteen values and write every detail twice per
-- notice, on the one thread that commits received envelopes.
ALTER TABLE penalty_notices DROP COLUMN enterprise_name;
ALTER TABLE penalty_notices DROP COLUMN authority;
ALTER TABLE penalty_notices DROP COLUMN decision_date;
ALTER TABLE penalty_notices DROP COLUMN category;
ALTER TABLE penalty_notices DROP COLUMN rule_set;
ALTER TABLE penalty_notices DROP COLUMN summary;
ALTER TABLE penalty_notices DROP COLUMN published_on;
ALTER TABLE penalty_notices DROP COLUMN batch_id;
