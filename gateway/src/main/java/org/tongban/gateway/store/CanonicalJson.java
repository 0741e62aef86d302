package org.tongban.gateway.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The canonical JSON of an envelope as the store keeps it: its UTF-8 bytes, its text, or both,
 * each made from the other only when it is asked for. An envelope signed or verified here arrives
 * as the bytes its signature covers and is written as those bytes, never decoded to a Java string
 * and encoded again (for a batch of 2,000 notices that is half a megabyte of mostly Chinese text,
 * twice, per message); one read from the store arrives as text.
 */
public final class CanonicalJson {
    // each made at most once per thread from the other when first asked for; volatile so that a
    // form made on one thread is seen whole on another
    private volatile byte[] utf8;
    private volatile String text;

    private CanonicalJson(byte[] utf8, String text) {
        this.utf8 = utf8;
        this.text = text;
    }

    /** The canonical JSON whose UTF-8 encoding is {@code utf8}; the array is kept, not copied, and must not change. */
    public static CanonicalJson ofUtf8(byte[] utf8) {
        return new CanonicalJson(Objects.requireNonNull(utf8, "utf8"), null);
    }

    public static CanonicalJson of(String text) {
        return new CanonicalJson(null, Objects.requireNonNull(text, "text"));
    }

    /** {@link #of}, or null for null. */
    public static CanonicalJson ofNullable(String text) {
        return text == null ? null : of(text);
    }

    /** The UTF-8 bytes; the array is shared and must not be changed. */
    public byte[] utf8() {
        byte[] b = utf8;
        if (b == null) {
            b = text.getBytes(StandardCharsets.UTF_8);
            utf8 = b;
        }
        return b;
    }

    public String text() {
        String t = text;
        if (t == null) {
            t = new String(utf8, StandardCharsets.UTF_8);
            text = t;
        }
        return t;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CanonicalJson)) {
            return false;
        }
        CanonicalJson other = (CanonicalJson) o;
        if (utf8 != null && other.utf8 != null) {
            return Arrays.equals(utf8, other.utf8);
        }
        return text().equals(other.text());
    }

    @Override
    public int hashCode() {
        return text().hashCode();
    }

    @Override
    public String toString() {
        return text();
    }
}
