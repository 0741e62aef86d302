package org.tongban.adapters.declarative;

import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/**
 * A platform described by a mapping file: how to authenticate, which calls it has, how to write
 * each request body from contract fields, and how to read its answers and its feeds. Read and
 * checked by {@link MappingReader} when the node starts.
 *
 * @param source     where it was read from, for messages
 * @param name       the platform's name in the mapping, for logs
 * @param zone       the offset of times written without one (China Standard Time by default)
 * @param references per body endpoint, where the answer names the platform's application number
 *                   (required for {@code apply}; others keep the leg's reference when absent)
 * @param penalties  the penalty feed, when the platform has one
 */
record Mapping(String source, String name, ZoneOffset zone, AuthSpec auth, Map<Endpoint.Name, Endpoint> endpoints,
               Map<Endpoint.Name, BodyTemplate> requests, Map<Endpoint.Name, JsonPath> references,
               ChangeMapping changes, PenaltyMapping penalties) {

    Endpoint endpoint(Endpoint.Name name) {
        return endpoints.get(name);
    }

    Optional<Endpoint> optionalEndpoint(Endpoint.Name name) {
        return Optional.ofNullable(endpoints.get(name));
    }
}
