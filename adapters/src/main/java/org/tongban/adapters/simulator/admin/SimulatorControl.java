package org.tongban.adapters.simulator.admin;

import io.vertx.core.json.JsonObject;

import java.util.OptionalInt;

/** What the admin API asks of the running simulator beyond its book, policies and faults. */
public interface SimulatorControl {
    /** The dialect, member, base URL and endpoints, for {@code GET /admin}. */
    JsonObject describe();

    /** Back to the state the simulator started in. */
    void reset();

    /** Pushed events not yet acknowledged by the adapter. */
    int pendingPushes();

    /** Revokes every access token (rest-oauth2); empty for dialects without tokens. */
    OptionalInt revokeTokens();
}
