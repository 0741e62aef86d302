package org.tongban.adapters.spi;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.tongban.contracts.id.MemberId;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What an adapter is created with: the node's Vert.x, the member it serves, its configuration
 * block, its durable feed positions and the directory relative paths in its settings resolve
 * against (that of the node's configuration file).
 */
public record AdapterContext(Vertx vertx, MemberId member, JsonObject settings, CursorStore cursors, Path baseDir) {
    public AdapterContext {
        Objects.requireNonNull(vertx, "vertx");
        Objects.requireNonNull(member, "member");
        settings = settings == null ? new JsonObject() : settings;
        Objects.requireNonNull(cursors, "cursors");
        baseDir = baseDir == null ? Path.of("") : baseDir;
    }
}
