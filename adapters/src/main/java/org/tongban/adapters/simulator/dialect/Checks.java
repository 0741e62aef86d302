package org.tongban.adapters.simulator.dialect;

import org.tongban.contracts.id.CreditCode;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Field checks every dialect makes, refusing with a {@link BadInput} that names the field. */
public final class Checks {
    private static final Pattern MEMBER = Pattern.compile("\\d{6}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private Checks() {
    }

    public static String creditCode(String value, String field) {
        String problem = CreditCode.problemWith(value);
        if (problem != null) {
            throw new BadInput(field + ": " + problem);
        }
        return value;
    }

    public static String member(String value, String field) {
        if (!MEMBER.matcher(value).matches()) {
            throw new BadInput(field + ": '" + value + "' is not a six-digit division code");
        }
        return value;
    }

    public static String oneOf(String value, Set<String> allowed, String field) {
        if (!allowed.contains(value)) {
            throw new BadInput(field + ": '" + value + "' is not one of " + new TreeSet<>(allowed));
        }
        return value;
    }

    public static String sha256(String value, String field) {
        if (!SHA256.matcher(value).matches()) {
            throw new BadInput(field + ": a SHA-256 is 64 lower-case hex digits");
        }
        return value;
    }

    public static long size(String value, String field) {
        try {
            long n = Long.parseLong(value);
            if (n < 0) {
                throw new BadInput(field + " cannot be negative");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BadInput(field + ": '" + value + "' is not a number");
        }
    }
}
