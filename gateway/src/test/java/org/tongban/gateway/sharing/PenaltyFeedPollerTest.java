package org.tongban.gateway.sharing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.adapters.spi.AdapterHealth;
import org.tongban.adapters.spi.LegRef;
import org.tongban.adapters.spi.PenaltyPage;
import org.tongban.adapters.spi.PlatformAdapter;
import org.tongban.adapters.spi.PlatformEventSink;
import org.tongban.adapters.spi.PlatformReceipt;
import org.tongban.contracts.message.MaterialsSupplement;
import org.tongban.contracts.message.PenaltyNotice;
import org.tongban.contracts.message.RepairApplication;
import org.tongban.contracts.message.Withdrawal;
import org.tongban.gateway.store.NoticeFilter;
import org.tongban.gateway.testing.Notices;
import org.tongban.gateway.testing.SharingParts;
import org.tongban.gateway.testing.TestHttp;
import org.tongban.gateway.testing.TestNodeParts;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.tongban.contracts.testing.TestDirectory.HARBIN;
import static org.tongban.contracts.testing.TestDirectory.TIANJIN;

/**
 * Polling a member's penalty feed: pages are read while the platform has more, the position is
 * kept by the store, a new poller (a restarted node) goes on from it, and a failed read is tried
 * again. Store work stays off the event loop.
 */
class PenaltyFeedPollerTest {
    private static final Duration POLL = Duration.ofMillis(50);

    @TempDir
    Path dir;
    Vertx vertx;
    TestNodeParts parts;
    PenaltySharing sharing;
    final FeedPlatform platform = new FeedPlatform();

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
        parts = TestNodeParts.create(dir);
        sharing = new SharingParts(parts).sharing(2);
        for (int i = 0; i < 7; i++) {
            platform.feed.add(Notices.notice(TIANJIN, "230100", i, LocalDate.of(2026, 5, 10)));
        }
    }

    @AfterEach
    void tearDown() {
        TestHttp.await(vertx.close());
        assertThat(parts.storeCallsOnEventLoop()).isEmpty();
        parts.close();
    }

    private PenaltyFeedPoller startPoller() {
        PenaltyFeedPoller poller = new PenaltyFeedPoller(vertx, TIANJIN, platform, sharing, 3, POLL);
        vertx.runOnContext(v -> poller.start());
        return poller;
    }

    private int noticesAtHarbin() {
        return parts.store().read(tx -> tx.sharing().listNotices(new NoticeFilter(HARBIN, null, null, null, 100, null)))
                .size();
    }

    @Test
    void reads_page_after_page_while_the_platform_has_more_and_keeps_the_position() {
        PenaltyFeedPoller poller = startPoller();

        await().atMost(Duration.ofSeconds(10)).until(() -> noticesAtHarbin() == 7);
        TestHttp.await(poller.stop());

        assertThat(sharing.position(TIANJIN)).isEqualTo("7");
        assertThat(platform.cursors.subList(0, 3)).containsExactly(null, "3", "6");
    }

    @Test
    void a_new_poller_goes_on_from_the_stored_position() {
        platform.available.set(4);
        PenaltyFeedPoller first = startPoller();
        await().atMost(Duration.ofSeconds(10)).until(() -> "4".equals(sharing.position(TIANJIN)));
        TestHttp.await(first.stop());
        platform.cursors.clear();

        platform.available.set(7);
        PenaltyFeedPoller second = startPoller();
        await().atMost(Duration.ofSeconds(10)).until(() -> noticesAtHarbin() == 7);
        TestHttp.await(second.stop());

        assertThat(platform.cursors.get(0)).isEqualTo("4");
        assertThat(new SharingParts(parts).counter(org.tongban.ops.metrics.MetricNames.PENALTY_NOTICES_SHARED, "member",
                "120000", "outcome", "batched") + new SharingParts(parts).counter(
                org.tongban.ops.metrics.MetricNames.PENALTY_NOTICES_SHARED, "member", "120000", "outcome", "single"))
                .as("each decision shared once").isEqualTo(7);
    }

    @Test
    void asks_for_the_next_page_while_the_page_in_hand_is_being_stored() throws Exception {
        // a second connection holds the embedded store's write lock: the first page cannot be stored until it lets go
        try (java.sql.Connection lock = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("db"));
             java.sql.Statement st = lock.createStatement()) {
            st.execute("BEGIN IMMEDIATE");
            PenaltyFeedPoller poller = startPoller();

            await().atMost(Duration.ofSeconds(10)).until(() -> platform.cursors.contains("3"));
            assertThat(platform.cursors).as("the page after the first, asked for before the first is stored")
                    .containsExactly(null, "3");
            st.execute("ROLLBACK");

            await().atMost(Duration.ofSeconds(10)).until(() -> noticesAtHarbin() == 7);
            TestHttp.await(poller.stop());
        }
        assertThat(sharing.position(TIANJIN)).isEqualTo("7");
        assertThat(platform.cursors.subList(0, 3)).as("each page read once").containsExactly(null, "3", "6");
    }

    @Test
    void a_failed_read_is_tried_again() {
        platform.failures.set(2);
        PenaltyFeedPoller poller = startPoller();

        await().atMost(Duration.ofSeconds(10)).until(() -> noticesAtHarbin() == 7);
        TestHttp.await(poller.stop());
        assertThat(platform.failures.get()).isNegative();
    }

    /** A platform whose penalty feed holds {@code feed}, of which {@code available} are published. */
    static final class FeedPlatform implements PlatformAdapter {
        final List<PenaltyNotice> feed = new ArrayList<>();
        final AtomicInteger available = new AtomicInteger(Integer.MAX_VALUE);
        final AtomicInteger failures = new AtomicInteger();
        final List<String> cursors = new CopyOnWriteArrayList<>();

        @Override
        public Future<PenaltyPage> readPenalties(String cursor, int limit) {
            if (failures.getAndDecrement() > 0) {
                return Future.failedFuture(new java.io.IOException("platform unreachable"));
            }
            cursors.add(cursor);
            int from = cursor == null ? 0 : Integer.parseInt(cursor);
            int end = Math.min(feed.size(), available.get());
            int to = Math.min(end, from + limit);
            return Future.succeededFuture(new PenaltyPage(feed.subList(from, to), String.valueOf(to), to < end));
        }

        @Override
        public Future<Void> start(PlatformEventSink sink) {
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> stop() {
            return Future.succeededFuture();
        }

        @Override
        public Future<PlatformReceipt> submitApplication(LegRef leg, RepairApplication application) {
            throw new UnsupportedOperationException("a feed only");
        }

        @Override
        public Future<PlatformReceipt> submitMaterials(LegRef leg, MaterialsSupplement supplement) {
            throw new UnsupportedOperationException("a feed only");
        }

        @Override
        public Future<PlatformReceipt> submitWithdrawal(LegRef leg, Withdrawal withdrawal) {
            throw new UnsupportedOperationException("a feed only");
        }

        @Override
        public Future<AdapterHealth> health() {
            return Future.succeededFuture(AdapterHealth.healthy());
        }
    }
}
