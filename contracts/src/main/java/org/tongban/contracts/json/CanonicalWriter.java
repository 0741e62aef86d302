package org.tongban.contracts.json;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes the canonical JSON (RFC 8785) of objects of strings and objects straight to bytes, for
 * records written in bulk (the notices of a batch, each a leaf of its hash tree), without the
 * tree that {@link Canonicalizer} walks. The caller names members in canonical order, by their
 * UTF-16 code units as {@link String#compareTo} compares them; a name out of that order is a
 * programming error and throws. A null value leaves its member out, as the tree writers do.
 * The bytes are those {@link Canonicalizer#canonicalize} makes of the same object: strings are
 * escaped by the same code.
 */
public final class CanonicalWriter {
    private final Canonicalizer.ByteSink out;
    /** Stands for "no member yet" in {@link #lastNames} (compared by identity: "" is a name too). */
    private static final String NONE = new String();
    /** The last member name of each open object, innermost first. */
    private final Deque<String> lastNames = new ArrayDeque<>();

    public CanonicalWriter(int capacity) {
        out = new Canonicalizer.ByteSink(capacity);
    }

    /** Opens the top-level object. */
    public CanonicalWriter begin() {
        if (!lastNames.isEmpty() || out.len > 0) {
            throw new IllegalStateException("the top-level object is open already");
        }
        out.put('{');
        lastNames.push(NONE);
        return this;
    }

    /** A member whose value is {@code value}; none when it is null. */
    public CanonicalWriter string(String name, String value) {
        if (value != null) {
            name(name);
            Canonicalizer.writeString(value, out);
        }
        return this;
    }

    /** A member whose value is the text of {@code value} (an identifier, a code, a date); none when null. */
    public CanonicalWriter text(String name, Object value) {
        return string(name, value == null ? null : value.toString());
    }

    /** A member whose value is an enum's name; none when null. */
    public CanonicalWriter constant(String name, Enum<?> value) {
        return string(name, value == null ? null : value.name());
    }

    /** Opens an object as the value of member {@code name}; {@link #end()} closes it. */
    public CanonicalWriter object(String name) {
        name(name);
        out.put('{');
        lastNames.push(NONE);
        return this;
    }

    /** Closes the innermost open object. */
    public CanonicalWriter end() {
        if (lastNames.isEmpty()) {
            throw new IllegalStateException("no object is open");
        }
        lastNames.pop();
        out.put('}');
        return this;
    }

    /** The canonical bytes, once every object is closed. */
    public byte[] toByteArray() {
        if (!lastNames.isEmpty() || out.len == 0) {
            throw new IllegalStateException("the object is not complete");
        }
        return out.toByteArray();
    }

    private void name(String name) {
        String last = lastNames.peek();
        if (last == null) {
            throw new IllegalStateException("no object is open for member '" + name + "'");
        }
        if (last != NONE) {
            if (name.compareTo(last) <= 0) {
                throw new IllegalStateException("member '" + name + "' after '" + last + "' is not in canonical order");
            }
            out.put(',');
        }
        lastNames.pop();
        lastNames.push(name);
        Canonicalizer.writeString(name, out);
        out.put(':');
    }
}
