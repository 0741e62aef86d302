package org.tongban.contracts.message;

import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The version of contract {@code tongban/credit-repair} a document declares, {@code MAJOR.MINOR}.
 * A receiver refuses an unknown major version; a newer minor version only adds optional members,
 * which a receiver that knows an older minor ignores.
 */
public record ContractVersion(int major, int minor) {
    /** The contract name every envelope carries. */
    public static final String CONTRACT = "tongban/credit-repair";
    /** The version this library writes and fully understands. */
    public static final ContractVersion CURRENT = new ContractVersion(1, 0);

    private static final Pattern TEXT = Pattern.compile("(0|[1-9]\\d{0,3})\\.(0|[1-9]\\d{0,3})");

    public static ContractVersion parse(String text) {
        Matcher m = text == null ? null : TEXT.matcher(text);
        if (m == null || !m.matches()) {
            throw new ContractException(ErrorCode.VERSION_UNSUPPORTED, "",
                    "version '" + text + "' is not of the form MAJOR.MINOR");
        }
        return new ContractVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** True when this library can read documents of this version. */
    public boolean isSupported() {
        return major == CURRENT.major;
    }

    /** True when documents of this version may carry members this library does not know. */
    public boolean isNewerMinor() {
        return major == CURRENT.major && minor > CURRENT.minor;
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
