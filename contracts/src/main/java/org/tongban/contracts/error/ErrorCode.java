package org.tongban.contracts.error;

/**
 * Stable error codes of the federation. The {@link #name()} is the wire code: it appears in
 * problem+json bodies, in CLI output and in metric tags, and is never renamed once released.
 * New codes may be added; a receiver that does not know a code falls back on its category.
 */
public enum ErrorCode {
    // --- JSON and structure -------------------------------------------------------------
    JSON_MALFORMED(ErrorCategory.VALIDATION, 400, "The document is not well-formed JSON"),
    JSON_DUPLICATE_KEY(ErrorCategory.VALIDATION, 400, "An object repeats a member name"),
    JSON_INVALID_UNICODE(ErrorCategory.VALIDATION, 400, "A string is not valid Unicode"),
    DOCUMENT_TOO_LARGE(ErrorCategory.VALIDATION, 413, "The document exceeds the size limit"),
    NESTING_TOO_DEEP(ErrorCategory.VALIDATION, 400, "The document nests deeper than allowed"),
    STRING_TOO_LONG(ErrorCategory.VALIDATION, 400, "A string is longer than allowed"),
    ARRAY_TOO_LONG(ErrorCategory.VALIDATION, 400, "An array has more items than allowed"),
    NUMBER_OUT_OF_RANGE(ErrorCategory.VALIDATION, 400, "A number is outside the allowed range"),
    FIELD_UNKNOWN(ErrorCategory.VALIDATION, 400, "A member is not defined by this contract version"),
    FIELD_REQUIRED(ErrorCategory.VALIDATION, 400, "A required member is missing"),
    FIELD_TYPE(ErrorCategory.VALIDATION, 400, "A member has the wrong JSON type"),
    FIELD_FORMAT(ErrorCategory.VALIDATION, 400, "A member does not have the required format"),
    ENUM_INVALID(ErrorCategory.VALIDATION, 400, "A member is not one of the allowed values"),
    DATE_TIME_OFFSET_MISSING(ErrorCategory.VALIDATION, 400, "A timestamp has no UTC offset"),
    DATE_INVALID(ErrorCategory.VALIDATION, 400, "A date or timestamp is not valid"),
    CREDIT_CODE_INVALID(ErrorCategory.VALIDATION, 400, "Not a valid unified social credit code"),
    DIVISION_CODE_INVALID(ErrorCategory.VALIDATION, 400, "Not a valid administrative division code"),
    IDENTIFIER_INVALID(ErrorCategory.VALIDATION, 400, "Not a valid message, case or leg identifier"),
    MESSAGE_INCONSISTENT(ErrorCategory.VALIDATION, 400, "Members of the message contradict each other"),
    CONTRACT_UNKNOWN(ErrorCategory.VALIDATION, 400, "The contract name is not known"),
    VERSION_UNSUPPORTED(ErrorCategory.VALIDATION, 400, "The contract version is not supported"),
    MESSAGE_TYPE_UNKNOWN(ErrorCategory.VALIDATION, 400, "The message type is not known"),

    // --- signatures, keys, trust ----------------------------------------------------------
    SIGNATURE_MISSING(ErrorCategory.SECURITY, 401, "The document carries no signature"),
    SIGNATURE_INVALID(ErrorCategory.SECURITY, 401, "The signature does not match the signed content"),
    ALGORITHM_UNSUPPORTED(ErrorCategory.SECURITY, 401, "The signature algorithm is not supported"),
    KEY_ALGORITHM_MISMATCH(ErrorCategory.SECURITY, 401, "The key is registered for another algorithm"),
    KEY_UNKNOWN(ErrorCategory.SECURITY, 401, "The signing key is not in the federation directory"),
    KEY_NOT_VALID_AT_SENT_AT(ErrorCategory.SECURITY, 401, "The signing key was not valid when the message was sent"),
    KEY_NOT_OWNED_BY_SENDER(ErrorCategory.SECURITY, 401, "The signing key belongs to another member"),
    MESSAGE_EXPIRED(ErrorCategory.SECURITY, 401, "The message has expired"),
    MESSAGE_OUTSIDE_REPLAY_WINDOW(ErrorCategory.SECURITY, 401, "The message was sent outside the accepted time window"),
    ATTACHMENT_HASH_MISMATCH(ErrorCategory.SECURITY, 422, "An attachment does not match its signed descriptor"),
    BATCH_ROOT_MISMATCH(ErrorCategory.SECURITY, 422, "The batch items do not hash to the signed tree root"),
    MEMBER_UNKNOWN(ErrorCategory.SECURITY, 403, "The member is not in the federation directory"),
    DIRECTORY_INVALID(ErrorCategory.SECURITY, 401, "The federation directory is not valid"),
    DIRECTORY_EXPIRED(ErrorCategory.SECURITY, 401, "The federation directory is past its validity"),
    KEY_INVALID(ErrorCategory.VALIDATION, 400, "A key is malformed"),

    // --- business (answered by nodes) ------------------------------------------------------
    TRANSITION_NOT_ALLOWED(ErrorCategory.BUSINESS, 409, "The leg's state does not allow this step"),
    CASE_NOT_FOUND(ErrorCategory.BUSINESS, 404, "No such case"),
    LEG_NOT_FOUND(ErrorCategory.BUSINESS, 404, "No such leg"),
    MEMBER_NOT_HOSTED(ErrorCategory.BUSINESS, 421, "The member is not hosted on this node"),
    NOT_A_PARTY(ErrorCategory.BUSINESS, 403, "The member is not a party to this leg"),
    IDEMPOTENCY_CONFLICT(ErrorCategory.BUSINESS, 422, "The idempotency key was used for a different request"),
    DEAD_LETTER_NOT_FOUND(ErrorCategory.BUSINESS, 404, "No such dead letter"),
    NOT_ELIGIBLE(ErrorCategory.BUSINESS, 422, "The penalty cannot be repaired now"),
    NOTICE_NOT_FOUND(ErrorCategory.BUSINESS, 404, "No such penalty notice"),

    // --- access ----------------------------------------------------------------------------
    UNAUTHENTICATED(ErrorCategory.SECURITY, 401, "A valid bearer token is required"),
    FORBIDDEN(ErrorCategory.SECURITY, 403, "The token's role or member does not allow this"),
    CLIENT_CERTIFICATE_UNKNOWN(ErrorCategory.SECURITY, 403, "The TLS client certificate is not a federation node's"),

    // --- HTTP edge -------------------------------------------------------------------------
    NOT_FOUND(ErrorCategory.VALIDATION, 404, "No such resource"),
    METHOD_NOT_ALLOWED(ErrorCategory.VALIDATION, 405, "Method not allowed on this resource"),
    UNSUPPORTED_MEDIA_TYPE(ErrorCategory.VALIDATION, 415, "The body must be application/json"),

    // --- system ----------------------------------------------------------------------------
    SERVICE_UNAVAILABLE(ErrorCategory.SYSTEM, 503, "The node cannot take requests now; retry later"),
    INTERNAL_ERROR(ErrorCategory.SYSTEM, 500, "An internal error occurred");

    private final ErrorCategory category;
    private final int httpStatus;
    private final String title;

    ErrorCode(ErrorCategory category, int httpStatus, String title) {
        this.category = category;
        this.httpStatus = httpStatus;
        this.title = title;
    }

    public ErrorCategory category() {
        return category;
    }

    /** HTTP status used when this error is answered at an HTTP edge. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Short, stable, human-readable summary (the problem+json {@code title}). */
    public String title() {
        return title;
    }

    /** The problem+json {@code type} URI for this code. */
    public String typeUri() {
        return "urn:tongban:problem:" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
