package org.tongban.gateway.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.gateway.store.jdbc.JdbcStore;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** A unit submitted while the committer closes is failed, never left waiting for a writer that is gone. */
class GroupCommitterCloseTest {
    @TempDir
    Path dir;

    /** A queue that holds a submit between the committer's "still running?" check and the unit's arrival. */
    static final class HeldQueue extends LinkedBlockingQueue<GroupCommitter.Unit<?>> {
        final CountDownLatch adding = new CountDownLatch(1);
        final CountDownLatch letIn = new CountDownLatch(1);

        @Override
        public boolean add(GroupCommitter.Unit<?> unit) {
            adding.countDown();
            try {
                assertThat(letIn.await(10, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return super.add(unit);
        }
    }

    @Test
    void a_submit_that_races_close_fails_its_unit() throws Exception {
        try (JdbcStore store = JdbcStore.embedded(dir.resolve("db"), 2)) {
            HeldQueue queue = new HeldQueue();
            GroupCommitter committer = new GroupCommitter(store, 1, 64, queue);
            AtomicReference<CompletableFuture<Object>> unit = new AtomicReference<>();
            Thread submitter = new Thread(() -> unit.set(committer.submit(tx -> "stored")));
            submitter.start();
            assertThat(queue.adding.await(10, TimeUnit.SECONDS)).isTrue();

            committer.close(); // the writer stops and what is queued (nothing yet) is failed
            queue.letIn.countDown();
            submitter.join(10_000);

            assertThat(unit.get()).failsWithin(5, TimeUnit.SECONDS).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .withCauseInstanceOf(StoreException.class).withMessageContaining("closing");
        }
    }
}
