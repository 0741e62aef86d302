package org.tongban.contracts.crypto;

/**
 * What signs on behalf of a member: a software key ({@link SoftwareSigner}) or an HSM. Tests
 * and the embedded deployment use the former; the gateway only sees this interface.
 */
public interface MessageSigner {
    /** The directory key id of the key used. */
    String keyId();

    SignatureAlgorithm algorithm();

    /** Signs the given bytes. */
    byte[] sign(byte[] data);
}
