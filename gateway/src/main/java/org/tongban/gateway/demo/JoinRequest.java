package org.tongban.gateway.demo;

import org.tongban.adapters.simulator.Dialect;

import java.nio.file.Path;

/**
 * A city asking to join the running demo, as its join file describes it (see {@link JoinFileReader}).
 *
 * @param file       the join file
 * @param id         the member's division code: a prefecture-level city or a municipality
 * @param name       the city's name, e.g. {@code 衢州市}
 * @param node       the demo node that hosts it
 * @param slaProfile its SLA profile ({@code national}, {@code same-day}, {@code 24h})
 * @param platform   the dialect its (simulated) platform speaks
 * @param mapping    {@code form-json} only: where the declarative mapping is, {@code classpath:…} or an
 *                   absolute path; {@code null} for the shipped Jinhua mapping or another dialect
 */
record JoinRequest(Path file, String id, String name, String node, String slaProfile, Dialect platform, String mapping) {

    /** The city as the demo lists it. */
    DemoCity city() {
        return new DemoCity(id, name, name, node, slaProfile);
    }

    /** {@code 330800 衢州市}. */
    String label() {
        return id + " " + name;
    }
}
