package org.tongban.contracts.crypto;

import org.tongban.contracts.message.Envelope;

/**
 * An envelope whose signature, key and times were checked.
 *
 * @param envelope       the bound envelope
 * @param sha256         SHA-256 of the canonical bytes of the whole envelope, signature included:
 *                       what a receipt names
 * @param canonicalBytes those canonical bytes
 * @param signer         the directory entry of the key that signed it
 */
public record VerifiedEnvelope(Envelope envelope, String sha256, byte[] canonicalBytes, KeyEntry signer) {
}
