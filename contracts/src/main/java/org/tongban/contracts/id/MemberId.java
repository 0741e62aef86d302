package org.tongban.contracts.id;

import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;

/**
 * A federation member (成员城市): a city, identified by its city-level division code
 * ({@code 330100} for Hangzhou, {@code 120000} for Tianjin).
 */
public record MemberId(String value) implements Comparable<MemberId> {
    public MemberId {
        if (value == null || value.length() != 6 || !value.chars().allMatch(c -> c >= '0' && c <= '9')
                || value.charAt(0) == '0') {
            throw new ContractException(ErrorCode.DIVISION_CODE_INVALID, "",
                    "a member id is a six-digit division code not starting with 0; got '" + value + "'");
        }
    }

    public static MemberId of(String value) {
        return new MemberId(value);
    }

    public DivisionCode division() {
        return DivisionCode.of(value);
    }

    @Override
    public int compareTo(MemberId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
