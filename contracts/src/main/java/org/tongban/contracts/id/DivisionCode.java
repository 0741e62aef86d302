package org.tongban.contracts.id;

import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;

import java.util.Set;

/**
 * An administrative division code (行政区划代码, GB/T 2260): six digits, province (1–2),
 * prefecture-level city (3–4), county or district (5–6). A district belongs to its city
 * (咸安区 421202 → 咸宁市 421200); in the four municipalities (直辖市) every district belongs to
 * the municipality itself (天津 120000).
 */
public record DivisionCode(String value) {
    /** Province parts of Beijing, Tianjin, Shanghai and Chongqing. */
    private static final Set<String> MUNICIPALITIES = Set.of("11", "12", "31", "50");

    public DivisionCode {
        if (value == null || value.length() != 6 || !allDigits(value)) {
            throw new ContractException(ErrorCode.DIVISION_CODE_INVALID, "",
                    "a division code has six digits; got '" + value + "'");
        }
        if (value.startsWith("00") || value.charAt(0) == '0') {
            throw new ContractException(ErrorCode.DIVISION_CODE_INVALID, "",
                    "'" + value + "' names no province");
        }
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    public static DivisionCode of(String value) {
        return new DivisionCode(value);
    }

    public boolean isMunicipality() {
        return MUNICIPALITIES.contains(value.substring(0, 2));
    }

    /** True for a province-level code (xx0000) that is not a municipality. */
    public boolean isProvince() {
        return value.endsWith("0000") && !isMunicipality();
    }

    /**
     * True for a county-level division administered directly by its province (省直辖县级行政区划,
     * city part {@code 90}, e.g. 仙桃市 429004): it belongs to no prefecture-level city.
     */
    public boolean isProvinceAdministered() {
        return !isMunicipality() && value.startsWith("90", 2) && !value.endsWith("00");
    }

    /**
     * The prefecture-level city (or municipality) this division belongs to; a province-administered
     * county-level city stands for itself.
     */
    public DivisionCode city() {
        if (isProvinceAdministered()) {
            return this;
        }
        String city = isMunicipality() ? value.substring(0, 2) + "0000" : value.substring(0, 4) + "00";
        return city.equals(value) ? this : new DivisionCode(city);
    }

    /**
     * The federation member this division belongs to: its city. A province-level code has no
     * city and maps to itself, which the directory will then not know.
     */
    public MemberId member() {
        return new MemberId(isProvince() ? value : city().value());
    }

    @Override
    public String toString() {
        return value;
    }
}
