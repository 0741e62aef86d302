package org.tongban.contracts.json;

import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * ECMAScript {@code Number.prototype.toString} for doubles (ECMA-262 §7.1.12.1), as RFC 8785
 * requires for numbers. Java's {@code Double.toString} before JDK 19 does not always give the
 * shortest digits, so the shortest round-tripping decimal is searched for explicitly.
 */
final class EcmaNumbers {
    static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

    private EcmaNumbers() {
    }

    static String toString(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new ContractException(ErrorCode.NUMBER_OUT_OF_RANGE, "", "NaN and Infinity have no JSON form");
        }
        if (value == 0) {
            return "0"; // also -0
        }
        if (value < 0) {
            return "-" + toString(-value);
        }
        if (value == Math.rint(value) && value <= MAX_SAFE_INTEGER) {
            return Long.toString((long) value);
        }
        BigDecimal shortest = shortest(value);
        String digits = shortest.unscaledValue().toString();
        // Strip trailing zeros from the digit string: k is the number of significant digits.
        int k = digits.length();
        while (k > 1 && digits.charAt(k - 1) == '0') {
            k--;
        }
        String s = digits.substring(0, k);
        // value = s × 10^(n−k)  →  n = (digits.length − scale) for the unscaled representation.
        int n = digits.length() - shortest.scale();
        return format(s, k, n);
    }

    /** The closest decimal with the fewest significant digits that reads back as {@code value}. */
    private static BigDecimal shortest(double value) {
        BigDecimal exact = new BigDecimal(value);
        for (int p = 1; p <= 17; p++) {
            BigDecimal candidate = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == value) {
                return candidate;
            }
            // Just above a power of two the gap below is half the gap above: the nearest p-digit
            // decimal may miss while the one on the other side still reads back.
            for (RoundingMode mode : new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING}) {
                BigDecimal other = exact.round(new MathContext(p, mode));
                if (other.doubleValue() == value) {
                    return other;
                }
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
    }

    private static String format(String s, int k, int n) {
        StringBuilder sb = new StringBuilder(24);
        if (k <= n && n <= 21) {
            sb.append(s);
            for (int i = 0; i < n - k; i++) {
                sb.append('0');
            }
        } else if (0 < n && n <= 21) {
            sb.append(s, 0, n).append('.').append(s, n, k);
        } else if (-6 < n && n <= 0) {
            sb.append("0.");
            for (int i = 0; i < -n; i++) {
                sb.append('0');
            }
            sb.append(s);
        } else {
            int e = n - 1;
            sb.append(s.charAt(0));
            if (k > 1) {
                sb.append('.').append(s, 1, k);
            }
            sb.append('e').append(e < 0 ? '-' : '+').append(Math.abs(e));
        }
        return sb.toString();
    }
}
