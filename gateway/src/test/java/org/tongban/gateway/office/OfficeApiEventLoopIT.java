package org.tongban.gateway.office;

import io.vertx.core.Future;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.threadchecker.BlockedThreadEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.gateway.testing.ApiHarness;
import org.tongban.gateway.testing.CaseRequests;
import org.tongban.gateway.testing.TestHttp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.tongban.gateway.testing.TestNodeParts.HANGZHOU;
import static org.tongban.gateway.testing.TestNodeParts.HARBIN;
import static org.tongban.gateway.testing.TestNodeParts.TIANJIN;

/**
 * The office API never blocks the event loop: on a node with a single event loop, the store is
 * never called from the loop during a burst of filings and reads, and Vert.x's blocked-thread
 * checker (set to complain after {@value #MAX_LOOP_MILLIS} ms) stays silent.
 */
class OfficeApiEventLoopIT {
    /**
     * Far above what routing a request takes (microseconds) and below what a store transaction
     * on the loop adds up to in a burst; a loaded build machine stays well under it.
     */
    private static final long MAX_LOOP_MILLIS = 200;

    @TempDir
    Path dir;
    ApiHarness api;
    final List<BlockedThreadEvent> blocked = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        VertxOptions options = new VertxOptions().setEventLoopPoolSize(1)
                .setMaxEventLoopExecuteTime(MAX_LOOP_MILLIS).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
                .setBlockedThreadCheckInterval(10).setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS);
        api = ApiHarness.start(dir, options);
        // Internal API: the checker's own hook, so the test sees exactly what it would log.
        ((VertxInternal) api.vertx()).blockedThreadChecker().setThreadBlockedHandler(e -> {
            if (e.thread().getName().contains("eventloop")) {
                blocked.add(e);
            }
        });
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void the_checker_notices_a_loop_that_is_held() {
        api.vertx().runOnContext(v -> {
            long until = System.nanoTime() + Duration.ofMillis(4 * MAX_LOOP_MILLIS).toNanos();
            while (System.nanoTime() < until) {
                Thread.onSpinWait(); // holding the loop on purpose, as blocking code would
            }
        });

        await().atMost(Duration.ofSeconds(5)).until(() -> !blocked.isEmpty());
    }

    @Test
    void a_burst_of_filings_and_reads_leaves_the_loop_free() {
        TestHttp office = api.office();
        String harbin = api.parts().clerkToken(HARBIN);
        // First calls load classes on the loop (router, codecs, client); that is start-up, not serving.
        String warm = office.post(OfficeApi.CASES, harbin, CaseRequests.newCase(HARBIN, HANGZHOU).toString())
                .headers().get("Location");
        office.get(warm, harbin);
        office.get(OfficeApi.CASES, harbin);
        office.get(OfficeApi.CASES + "?limit=0", harbin);
        blocked.clear();

        List<Future<TestHttp.Response>> burst = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            burst.add(office.sendAsync(HttpMethod.POST, OfficeApi.CASES, harbin,
                    CaseRequests.newCase(HARBIN, TIANJIN, HANGZHOU).toString(), Map.of()));
            burst.add(office.sendAsync(HttpMethod.GET, OfficeApi.CASES + "?limit=20", harbin, null, Map.of()));
            burst.add(office.sendAsync(HttpMethod.GET, warm, harbin, null, Map.of()));
        }
        List<TestHttp.Response> answers = TestHttp.await(Future.all(burst)).list();

        assertThat(answers).extracting(TestHttp.Response::status).containsOnly(201, 200);
        assertThat(blocked).as("blocked-thread warnings for the event loop").isEmpty();
        assertThat(api.parts().storeCallsOnEventLoop()).isEmpty();
    }
}
