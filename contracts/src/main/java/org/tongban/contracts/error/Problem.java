package org.tongban.contracts.error;

import java.util.List;
import java.util.Objects;

/**
 * An RFC 9457 problem detail with Tongban's extension members: {@code code} (the stable
 * {@link ErrorCode}), {@code category}, {@code origin} and {@code errors} (each violation with
 * its JSON Pointer).
 *
 * @param type     URI identifying the problem type ({@link ErrorCode#typeUri()})
 * @param title    short summary of the problem type
 * @param status   HTTP status
 * @param detail   explanation specific to this occurrence
 * @param instance URI of this occurrence, or {@code null}
 * @param code     stable error code
 * @param category category of the code
 * @param origin   party the failure is attributed to
 * @param errors   individual violations, possibly empty
 */
public record Problem(String type, String title, int status, String detail, String instance,
                      ErrorCode code, ErrorCategory category, ErrorOrigin origin, List<Violation> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(origin, "origin");
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static Problem of(ErrorCode code, String detail) {
        return new Problem(code.typeUri(), code.title(), code.httpStatus(), detail, null, code,
                code.category(), originOf(code), List.of());
    }

    public static Problem of(ContractException e) {
        Violation first = e.violations().get(0);
        return new Problem(first.code().typeUri(), first.code().title(), first.code().httpStatus(),
                first.detail(), null, first.code(), first.code().category(), originOf(first.code()),
                e.violations());
    }

    public Problem withInstance(String instanceUri) {
        return new Problem(type, title, status, detail, instanceUri, code, category, origin, errors);
    }

    public Problem withOrigin(ErrorOrigin newOrigin) {
        return new Problem(type, title, status, detail, instance, code, category, newOrigin, errors);
    }

    private static ErrorOrigin originOf(ErrorCode code) {
        return code.category() == ErrorCategory.SYSTEM ? ErrorOrigin.SERVER : ErrorOrigin.CLIENT;
    }
}
