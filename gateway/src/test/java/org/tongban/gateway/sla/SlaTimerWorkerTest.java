package org.tongban.gateway.sla;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.contracts.message.PenaltyCategory;
import org.tongban.contracts.message.PenaltyReference;
import org.tongban.contracts.message.RepairApplication;
import org.tongban.contracts.testing.SampleMessages;
import org.tongban.contracts.testing.TestDirectory;
import org.tongban.gateway.cases.CaseView;
import org.tongban.gateway.cases.Clerk;
import org.tongban.gateway.cases.NewCase;
import org.tongban.gateway.store.EventKind;
import org.tongban.gateway.testing.MutableClock;
import org.tongban.gateway.testing.TestHttp;
import org.tongban.gateway.testing.TestNodeParts;
import org.tongban.ops.sla.SlaProfiles;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The worker polls on Vert.x, does its store work on worker threads, and fires what is due. */
class SlaTimerWorkerTest {
    @TempDir
    Path dir;
    TestNodeParts node;
    Vertx vertx;

    @AfterEach
    void close() {
        if (vertx != null) {
            TestHttp.await(vertx.close());
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void fires_a_due_timer_from_its_poll_without_touching_the_store_on_an_event_loop() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-20T02:00:00Z"));
        node = TestNodeParts.create(dir, clock, SlaProfiles.shipped());
        RepairApplication app = SampleMessages.repairApplication();
        PenaltyReference penalty = new PenaltyReference("津交罚〔2026〕第5号", "天津市交通运输综合行政执法总队",
                TestDirectory.TIANJIN, LocalDate.of(2026, 3, 31), PenaltyCategory.GENERAL, "cn-2023");
        CaseView c = node.cases().create(new Clerk("wang", TestDirectory.HARBIN, Clerk.Role.clerk),
                new NewCase(app.enterprise(), List.of(penalty), LocalDate.of(2026, 11, 19), null, app.contacts(),
                        List.of(), List.of(), null, null), null, "one".getBytes(StandardCharsets.UTF_8));
        // DECISION (national, 3 working days from Fri 2026-11-20) is due 2026-11-26 00:00 China time.
        clock.set(Instant.parse("2026-11-25T16:00:01Z"));

        vertx = Vertx.vertx();
        SlaTimerWorker worker = new SlaTimerWorker(vertx, new DueTimers(node.store(), node.slaClocks(), node.slaBreaches(),
                Duration.ofSeconds(30), clock, "worker-test"), Duration.ofMillis(50));
        worker.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> node.store().read(tx -> tx.eventsOfCase(c.record().caseId()))
                .stream().anyMatch(e -> e.kind() == EventKind.SLA_BREACH));
        TestHttp.await(worker.stop());

        assertThat(node.store().read(tx -> tx.eventsOfCase(c.record().caseId())).stream()
                .filter(e -> e.kind() == EventKind.SLA_BREACH)).hasSize(1);
        assertThat(node.storeCallsOnEventLoop()).isEmpty();
    }
}
