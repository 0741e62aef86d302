package org.tongban.adapters.simulator.book;

import java.util.Objects;

/** One material asked for by a request for materials (补正). */
public record RequestedItem(String kind, String description) {
    public RequestedItem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
    }
}
