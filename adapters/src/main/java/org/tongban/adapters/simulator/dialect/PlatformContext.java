package org.tongban.adapters.simulator.dialect;

import io.vertx.core.Vertx;
import org.tongban.adapters.simulator.SimulatorOptions;
import org.tongban.adapters.simulator.book.PlatformBook;
import org.tongban.adapters.simulator.engine.PlatformService;
import org.tongban.adapters.simulator.fault.FaultInjector;

/** What a dialect's routes work with. */
public record PlatformContext(Vertx vertx, SimulatorOptions options, PlatformService platform, FaultInjector faults) {
    public PlatformBook book() {
        return platform.book();
    }
}
