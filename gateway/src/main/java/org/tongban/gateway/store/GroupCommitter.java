package org.tongban.gateway.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Commits many independent units of work in one transaction (group commit): writer threads take
 * what has queued up, run each unit under its own savepoint, commit once, and only then complete
 * the units' futures. A unit that throws is undone alone and fails alone; a failed commit fails
 * the whole group and nothing of it is stored. This is how the node stores every message before
 * answering and still answers thousands per second.
 */
public final class GroupCommitter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);

    private final Store store;
    private final int maxGroup;
    private final BlockingQueue<Unit<?>> queue;
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running = true;

    /** A unit of work and the future its caller waits on. */
    record Unit<T>(Function<Tx, T> work, CompletableFuture<T> result) {
        @SuppressWarnings("unchecked")
        void complete(Object value) {
            result.complete((T) value);
        }
    }

    /**
     * @param writers  writer threads: 1 for the embedded store (SQLite has one writer anyway),
     *                 a few for PostgreSQL so that one group's commit overlaps the next
     * @param maxGroup largest number of units in one transaction
     */
    public GroupCommitter(Store store, int writers, int maxGroup) {
        this(store, writers, maxGroup, new LinkedBlockingQueue<>());
    }

    /** With a given queue of units (tests put a slow one in, to catch a submit that races close). */
    GroupCommitter(Store store, int writers, int maxGroup, BlockingQueue<Unit<?>> queue) {
        this.queue = queue;
        this.store = store;
        this.maxGroup = maxGroup;
        for (int i = 0; i < writers; i++) {
            Thread t = new Thread(this::loop, "tongban-group-commit-" + i);
            t.setDaemon(true);
            t.start();
            this.writers.add(t);
        }
    }

    /** Queues a unit; the future completes after its group committed (or fails with its error). */
    public <T> CompletableFuture<T> submit(Function<Tx, T> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        if (!running) {
            f.completeExceptionally(closing());
            return f;
        }
        Unit<T> unit = new Unit<>(work, f);
        queue.add(unit);
        // closed meanwhile, after the writers stopped and close() failed what was queued: fail it here
        if (!running && queue.remove(unit)) {
            f.completeExceptionally(closing());
        }
        return f;
    }

    private static StoreException closing() {
        return new StoreException("the store is closing", null);
    }

    private void loop() {
        List<Unit<?>> group = new ArrayList<>(maxGroup);
        while (running || !queue.isEmpty()) {
            try {
                Unit<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, maxGroup - 1);
                commit(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("group commit loop failed", e);
            } finally {
                group.clear();
            }
        }
    }

    /**
     * Commits a group. First optimistically, every unit straight into the transaction: the common
     * case, with no per-unit savepoint round trips, and with the checked writes' outcomes assumed
     * and sent in one batch ({@link Tx#assumeChecks()}). If a unit throws or an assumption fails,
     * the whole attempt is rolled back and the group runs again with a savepoint around each unit
     * and nothing assumed, so that the failing units fail alone and the others commit.
     */
    private void commit(List<Unit<?>> group) {
        Object[] results = new Object[group.size()];
        RuntimeException[] failures = new RuntimeException[group.size()];
        try {
            try {
                store.inTransaction(tx -> {
                    tx.assumeChecks();
                    for (int i = 0; i < group.size(); i++) {
                        results[i] = group.get(i).work().apply(tx);
                    }
                    return null;
                });
            } catch (RuntimeException unitFailed) {
                if (unitFailed instanceof StoreException && ((StoreException) unitFailed).isFatal()) {
                    throw unitFailed;
                }
                store.inTransaction(tx -> {
                    for (int i = 0; i < group.size(); i++) {
                        Unit<?> u = group.get(i);
                        results[i] = null;
                        failures[i] = null;
                        try {
                            results[i] = tx.withSavepoint(() -> u.work().apply(tx));
                        } catch (StoreException e) {
                            if (e.isFatal()) {
                                throw e; // the connection is in doubt: fail the group
                            }
                            failures[i] = e;
                        } catch (RuntimeException e) {
                            failures[i] = e;
                        }
                    }
                    return null;
                });
            }
        } catch (RuntimeException e) {
            for (Unit<?> u : group) {
                u.result().completeExceptionally(e);
            }
            return;
        }
        for (int i = 0; i < group.size(); i++) {
            if (failures[i] != null) {
                group.get(i).result().completeExceptionally(failures[i]);
            } else {
                group.get(i).complete(results[i]);
            }
        }
    }

    /** Stops taking units, lets the writers finish what is queued, waits up to {@code millis}. */
    public void close(long millis) {
        running = false;
        long deadline = System.currentTimeMillis() + millis;
        for (Thread t : writers) {
            try {
                t.join(Math.max(1, deadline - System.currentTimeMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Unit<?> left;
        while ((left = queue.poll()) != null) {
            left.result().completeExceptionally(new StoreException("the store closed before this was stored", null));
        }
    }

    @Override
    public void close() {
        close(10_000);
    }
}
