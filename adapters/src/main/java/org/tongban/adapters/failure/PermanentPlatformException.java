package org.tongban.adapters.failure;

/**
 * The partner refused a submission for good (bad data, a business refusal carried in an
 * HTTP 200 body): retrying the same request cannot succeed.
 */
public final class PermanentPlatformException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String partnerCode;

    public PermanentPlatformException(String partnerCode, String message) {
        super(message, null, false, false);
        this.partnerCode = partnerCode;
    }

    public String partnerCode() {
        return partnerCode;
    }
}
