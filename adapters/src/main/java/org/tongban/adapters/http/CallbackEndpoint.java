package org.tongban.adapters.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.tongban.adapters.config.CallbackSettings;
import org.tongban.contracts.id.MemberId;

/**
 * The callback receiver of one adapter whose platform pushes events: started once with the
 * adapter, stopped with it, and the URL the platform is told to push to.
 */
public final class CallbackEndpoint {
    private final Vertx vertx;
    private final CallbackSettings settings;
    private final MemberId member;
    private volatile CallbackServer server;

    public CallbackEndpoint(Vertx vertx, CallbackSettings settings, MemberId member) {
        this.vertx = vertx;
        this.settings = settings;
        this.member = member;
    }

    /** Binds the receiver; fails when it is already started. */
    public Future<Void> start(CallbackServer.CallbackHandler handler) {
        if (server != null) {
            return Future.failedFuture(new IllegalStateException("the adapter of " + member + " is already started"));
        }
        return CallbackServer.start(vertx, settings, handler).onSuccess(s -> server = s).mapEmpty();
    }

    /** Closes the receiver, if it was started. */
    public Future<Void> stop() {
        CallbackServer s = server;
        server = null;
        return s == null ? Future.succeededFuture() : s.close();
    }

    /** The callback URL given to the platform: the public URL, or the receiver's bound address. */
    public String url() {
        CallbackServer s = server;
        if (s == null) {
            if (settings.publicUrl() != null) {
                return settings.publicUrl().toString();
            }
            throw new IllegalStateException("the adapter of " + member
                    + " has no callback address before start(): its receiver binds a port at start");
        }
        return s.url();
    }
}
