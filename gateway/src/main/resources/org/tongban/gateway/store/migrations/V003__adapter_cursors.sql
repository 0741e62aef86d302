-- Positions of each hosted member's adapter in its platform's feeds (change feed, penalty feed),
-- and the few facts an adapter keeps per leg. A position is saved only after everything before it
-- was stored, so a restarted node neither misses nor repeats a change. Cursors are opaque text.
CREATE TABLE adapter_cursors (
  member VARCHAR(6) NOT NULL,
  feed VARCHAR(100) NOT NULL,
  cursor TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (member, feed)
);
