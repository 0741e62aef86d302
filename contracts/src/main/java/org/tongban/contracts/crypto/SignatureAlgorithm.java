package org.tongban.contracts.crypto;

/**
 * Signature algorithms of the federation, by their wire names.
 *
 * <ul>
 *   <li>{@code Ed25519}: RFC 8032 pure Ed25519. Public key: 32 bytes; signature: 64 bytes.</li>
 *   <li>{@code SM2-SM3}: GB/T 32918.2 (GM/T 0003.2) SM2 over curve sm2p256v1 with SM3, user id
 *       {@code 1234567812345678} (GM/T 0009 default). Public key: the 65-byte uncompressed point
 *       {@code 04 || x || y}; signature: DER {@code SEQUENCE { r INTEGER, s INTEGER }} (GM/T 0009).</li>
 * </ul>
 */
public enum SignatureAlgorithm {
    ED25519("Ed25519"),
    SM2_SM3("SM2-SM3");

    private final String wireName;

    SignatureAlgorithm(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The algorithm with this wire name, or {@code null} when it is not supported. */
    public static SignatureAlgorithm fromWireName(String name) {
        for (SignatureAlgorithm a : values()) {
            if (a.wireName.equals(name)) {
                return a;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
