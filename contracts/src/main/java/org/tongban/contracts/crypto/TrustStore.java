package org.tongban.contracts.crypto;

import org.tongban.contracts.id.MemberId;

import java.util.Optional;

/** The keys and members a verifier trusts; normally built from the signed federation directory. */
public interface TrustStore {
    Optional<KeyEntry> key(String keyId);

    boolean isMember(MemberId member);
}
