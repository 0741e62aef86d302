package org.tongban.contracts.json;

import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.error.Violation;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Collects violations while a document is bound to records, so one answer can list every
 * problem at once instead of the first one only.
 */
public final class ReadContext {
    private static final int MAX_VIOLATIONS = 50;

    private final List<Violation> violations = new ArrayList<>();
    private final boolean ignoreUnknownMembers;
    private final Map<JsonNode, byte[]> canonical;

    /**
     * @param ignoreUnknownMembers true when the document declares a newer minor version than
     *                             this library knows: its additions are then ignorable
     */
    public ReadContext(boolean ignoreUnknownMembers) {
        this(ignoreUnknownMembers, Map.of());
    }

    /**
     * @param canonical canonical bytes of some of the document's values, computed before (by node
     *                  identity: an {@link java.util.IdentityHashMap})
     */
    public ReadContext(boolean ignoreUnknownMembers, Map<JsonNode, byte[]> canonical) {
        this.ignoreUnknownMembers = ignoreUnknownMembers;
        this.canonical = canonical;
    }

    /** The canonical bytes of a value of the document being read, computed now unless known. */
    public byte[] canonical(JsonNode value) {
        byte[] known = canonical.isEmpty() ? null : canonical.get(value);
        return known != null ? known : Canonicalizer.canonicalize(value);
    }

    public static ReadContext strict() {
        return new ReadContext(false);
    }

    public boolean ignoreUnknownMembers() {
        return ignoreUnknownMembers;
    }

    public void add(ErrorCode code, String pointer, String detail) {
        if (violations.size() < MAX_VIOLATIONS) {
            violations.add(new Violation(code, pointer, detail));
        }
    }

    /** Adds the violations of an exception, re-rooted under {@code pointer}. */
    public void add(ContractException e, String pointer) {
        for (Violation v : e.violations()) {
            add(v.code(), pointer + v.pointer(), v.detail());
        }
    }

    public int count() {
        return violations.size();
    }

    public List<Violation> violations() {
        return List.copyOf(violations);
    }

    /** Throws a {@link ContractException} listing every violation, if there is any. */
    public void throwIfAny() {
        if (!violations.isEmpty()) {
            throw new ContractException(violations);
        }
    }
}
