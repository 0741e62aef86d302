package org.tongban.contracts.id;

import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;

/**
 * A unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from
 * {@code 0-9 A-H J-N P-R T U W-Y}; position 1 is the registering authority, 2 the entity type,
 * 3–8 the GB/T 2260 division code of the registering authority, 9–17 the organisation code and
 * 18 a check character (weights 3^(i−1) mod 31, check = 31 − Σ mod 31, 31 becomes 0).
 */
public record CreditCode(String value) {
    /** The 31 characters of the code, in value order. */
    public static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = new int[17];

    static {
        int w = 1;
        for (int i = 0; i < 17; i++) {
            WEIGHTS[i] = w;
            w = (w * 3) % 31;
        }
    }

    public CreditCode {
        String problem = problemWith(value);
        if (problem != null) {
            throw new ContractException(ErrorCode.CREDIT_CODE_INVALID, "", problem);
        }
    }

    /** Parses a code, throwing {@link ContractException} with {@code CREDIT_CODE_INVALID}. */
    public static CreditCode of(String value) {
        return new CreditCode(value);
    }

    public static boolean isValid(String value) {
        return problemWith(value) == null;
    }

    /**
     * Why {@code value} is not a valid code, in words a clerk can act on, or {@code null} when it is.
     */
    public static String problemWith(String value) {
        if (value == null) {
            return "no credit code given";
        }
        if (value.length() != 18) {
            return "a credit code has 18 characters; '" + value + "' has " + value.length();
        }
        int sum = 0;
        for (int i = 0; i < 18; i++) {
            char c = value.charAt(i);
            int v = ALPHABET.indexOf(c);
            if (v < 0) {
                return "character '" + c + "' at position " + (i + 1) + " is not allowed in a credit code"
                        + (Character.isLowerCase(c) ? " (letters are upper case)" : "");
            }
            if (i < 17) {
                sum += v * WEIGHTS[i];
            }
        }
        for (int i = 2; i < 8; i++) {
            if (!Character.isDigit(value.charAt(i))) {
                return "positions 3–8 must be a division code of six digits";
            }
        }
        if (value.charAt(2) == '0') {
            return "positions 3–8 (" + value.substring(2, 8) + ") name no province";
        }
        int check = (31 - sum % 31) % 31;
        char expected = ALPHABET.charAt(check);
        if (value.charAt(17) != expected) {
            return "check character is '" + value.charAt(17) + "' but should be '" + expected + "'";
        }
        return null;
    }

    /** The check character the first 17 characters call for (used to build test codes). */
    public static char checkCharacter(String first17) {
        if (first17.length() != 17) {
            throw new IllegalArgumentException("need the first 17 characters");
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int v = ALPHABET.indexOf(first17.charAt(i));
            if (v < 0) {
                throw new IllegalArgumentException("character not in the alphabet: " + first17.charAt(i));
            }
            sum += v * WEIGHTS[i];
        }
        return ALPHABET.charAt((31 - sum % 31) % 31);
    }

    /** Division code of the registering authority (positions 3–8). */
    public DivisionCode registrationDivision() {
        return DivisionCode.of(value.substring(2, 8));
    }

    /** The member city the enterprise is registered in, from positions 3–8 alone. */
    public MemberId homeMember() {
        String division = value.substring(2, 8);
        MemberId home = HOME_BY_DIVISION.get(division);
        if (home == null) {
            home = DivisionCode.of(division).member();
            if (HOME_BY_DIVISION.size() < HOME_CACHE_LIMIT) {
                HOME_BY_DIVISION.put(division, home);
            }
        }
        return home;
    }

    /**
     * Home members by registration division, computed once each: every notice shared is routed by
     * it. China has about 3,000 county-level divisions; the limit keeps made-up codes from growing
     * the map without end.
     */
    private static final java.util.Map<String, MemberId> HOME_BY_DIVISION = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int HOME_CACHE_LIMIT = 10_000;

    @Override
    public String toString() {
        return value;
    }
}
