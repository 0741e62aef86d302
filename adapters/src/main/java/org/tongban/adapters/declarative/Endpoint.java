package org.tongban.adapters.declarative;

import io.vertx.core.http.HttpMethod;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.List;

/**
 * One call a mapping declares: its HTTP method, URL template and how its answer is judged.
 */
record Endpoint(Name name, HttpMethod method, UrlTemplate url, AnswerRule answer) {
    Endpoint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(answer, "answer");
    }

    /** The calls of DIALECTS.md, section d, with the URL variables each one knows. */
    enum Name {
        APPLY(true, "baseUrl", "legId", "platformReference"),
        SUPPLEMENT(true, "baseUrl", "legId", "platformReference"),
        WITHDRAW(true, "baseUrl", "legId", "platformReference"),
        CHANGES(false, "baseUrl", "cursor", "limit"),
        PENALTIES(false, "baseUrl", "cursor", "limit"),
        HEALTH(false, "baseUrl"),
        CALLBACK(false, "baseUrl");

        private final boolean hasBody;
        private final List<String> variables;

        Name(boolean hasBody, String... variables) {
            this.hasBody = hasBody;
            this.variables = List.of(variables);
        }

        /** The name as written in a mapping: {@code apply}, {@code changes}, … */
        String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        boolean hasBody() {
            return hasBody;
        }

        List<String> variables() {
            return variables;
        }

        static Optional<Name> of(String key) {
            for (Name n : values()) {
                if (n.key().equals(key)) {
                    return Optional.of(n);
                }
            }
            return Optional.empty();
        }
    }
}
