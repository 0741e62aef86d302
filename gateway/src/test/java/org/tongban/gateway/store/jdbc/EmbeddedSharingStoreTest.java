package org.tongban.gateway.store.jdbc;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** The penalty-sharing store contract on the embedded store (a SQLite file per test). */
class EmbeddedSharingStoreTest extends SharingStoreContractTest {
    @TempDir
    Path dir;
    private final AtomicInteger files = new AtomicInteger();

    @Override
    protected JdbcStore openEmptyStore() {
        return JdbcStore.embedded(dir.resolve("sharing-" + files.incrementAndGet() + ".db"), 4);
    }
}
