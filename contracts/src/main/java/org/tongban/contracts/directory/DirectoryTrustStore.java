package org.tongban.contracts.directory;

import org.tongban.contracts.crypto.KeyEntry;
import org.tongban.contracts.crypto.TrustStore;
import org.tongban.contracts.id.MemberId;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A {@link TrustStore} over a verified {@link FederationDirectory}. Immutable. */
public final class DirectoryTrustStore implements TrustStore {
    private final FederationDirectory directory;
    private final Map<String, KeyEntry> keys = new HashMap<>();
    private final Set<MemberId> members = new HashSet<>();

    public DirectoryTrustStore(FederationDirectory directory) {
        this.directory = directory;
        for (DirectoryMember m : directory.members()) {
            members.add(m.id());
            for (DirectoryKey k : m.keys()) {
                keys.put(k.keyId(), new KeyEntry(k.keyId(), m.id(), k.key(), k.validFrom(), k.validUntil()));
            }
        }
    }

    public FederationDirectory directory() {
        return directory;
    }

    @Override
    public Optional<KeyEntry> key(String keyId) {
        return Optional.ofNullable(keys.get(keyId));
    }

    @Override
    public boolean isMember(MemberId member) {
        return members.contains(member);
    }
}
