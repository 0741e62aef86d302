package org.tongban.gateway.store;

/** Which dead letters to list; null fields do not filter. */
public record DeadLetterFilter(String destination, int limit) {
}
