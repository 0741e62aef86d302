-- The received notices of a home member are listed in notice-id order through the primary key,
-- which holds every notice of the node; the index by home member and notice id, one more B-tree
-- insert per received notice on the thread that commits received envelopes, is dropped. A node
-- hosts one member or a few: a page of one member's notices reads the others' rows it passes.
DROP INDEX penalty_notices_home;
