package org.tongban.adapters.declarative;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The shipped Jinhua mapping, as text to vary in tests. */
final class Jinhua {
    static final String LOCATION = "classpath:org/tongban/adapters/declarative/jinhua.yaml";
    static final String AUTH = "auth:\n  type: api-key\n  header: appcode                    # the adapter setting apiKey goes in this header\n";

    private Jinhua() {
    }

    static String text() {
        try (InputStream in = Jinhua.class.getResourceAsStream("/org/tongban/adapters/declarative/jinhua.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The mapping with {@code from} replaced by {@code to}; fails when {@code from} is not in it. */
    static String with(String from, String to) {
        String t = text();
        if (!t.contains(from)) {
            throw new IllegalArgumentException("the Jinhua mapping has no '" + from + "'");
        }
        return t.replace(from, to);
    }
}
