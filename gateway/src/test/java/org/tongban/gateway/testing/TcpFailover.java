package org.tongban.gateway.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;

import java.util.List;

/**
 * A layer-4 load balancer for tests: connections to one loopback port go to the first backend
 * that accepts them, so several processes of one node share the address the directory names,
 * as behind a real load balancer. TLS passes through untouched.
 */
public final class TcpFailover implements AutoCloseable {
    private final Vertx vertx;
    private final NetServer server;
    private final NetClient client;
    private final List<Integer> backends;
    private int next;

    private TcpFailover(Vertx vertx, int port, List<Integer> backends) {
        this.vertx = vertx;
        this.backends = List.copyOf(backends);
        this.client = vertx.createNetClient();
        this.server = vertx.createNetServer().connectHandler(this::accept);
        server.listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture().join();
    }

    public static TcpFailover listen(int port, List<Integer> backends) {
        return new TcpFailover(Vertx.vertx(), port, backends);
    }

    private void accept(NetSocket in) {
        in.pause();
        int first;
        synchronized (this) {
            first = next++ % backends.size();
        }
        connect(first, 0).onSuccess(out -> {
            in.pipeTo(out);
            out.pipeTo(in);
            in.resume();
        }).onFailure(e -> in.close());
    }

    private Future<NetSocket> connect(int index, int tried) {
        if (tried >= backends.size()) {
            return Future.failedFuture("no backend accepts connections");
        }
        return client.connect(backends.get(index), "127.0.0.1")
                .recover(e -> connect((index + 1) % backends.size(), tried + 1));
    }

    @Override
    public void close() {
        server.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
