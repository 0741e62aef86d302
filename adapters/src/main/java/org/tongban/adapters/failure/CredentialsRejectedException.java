package org.tongban.adapters.failure;

/**
 * The platform refused the adapter's credentials even after they were renewed: a 401 after a
 * token refresh, a token endpoint refusing the client, a signature refused after re-signing.
 * Retrying cannot help until an operator fixes the configuration (secret, key, clock).
 */
public final class CredentialsRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String partnerCode;

    /**
     * @param status      the HTTP status of the refusal
     * @param partnerCode the platform's code ({@code invalid_client}, {@code 4001}), or {@code null}
     */
    public CredentialsRejectedException(int status, String partnerCode, String message) {
        super(message, null, false, false);
        this.status = status;
        this.partnerCode = partnerCode;
    }

    public int status() {
        return status;
    }

    public String partnerCode() {
        return partnerCode;
    }
}
