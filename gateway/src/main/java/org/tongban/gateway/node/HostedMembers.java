package org.tongban.gateway.node;

import org.tongban.contracts.crypto.KeyFile;
import org.tongban.contracts.crypto.MessageSigner;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.id.MemberId;

import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The members this node hosts and their signing keys (as an X-Road security server holds its
 * members' keys). The key that signs is the newest one valid now, so a rotated key takes over
 * on its {@code validFrom} without a restart.
 */
public final class HostedMembers {
    private final Map<MemberId, List<KeyFile>> keys;
    private final Clock clock;

    public HostedMembers(Map<MemberId, List<KeyFile>> keys, Clock clock) {
        this.keys = Map.copyOf(keys);
        this.clock = clock;
    }

    public boolean hosts(MemberId member) {
        return keys.containsKey(member);
    }

    public Set<MemberId> ids() {
        return Collections.unmodifiableSet(keys.keySet());
    }

    /** The signer of a hosted member, with the newest key valid now. */
    public MessageSigner signer(MemberId member) {
        Instant now = clock.instant();
        List<KeyFile> list = keys.get(member);
        if (list == null) {
            throw new ContractException(ErrorCode.MEMBER_NOT_HOSTED, "", "member " + member + " is not hosted here");
        }
        Optional<KeyFile> key = list.stream()
                .filter(k -> !now.isBefore(k.validFrom().toInstant()) && now.isBefore(k.validUntil().toInstant()))
                .max(Comparator.comparing(KeyFile::validFrom));
        return key.orElseThrow(() -> new ContractException(ErrorCode.KEY_NOT_VALID_AT_SENT_AT, "",
                "member " + member + " has no signing key valid at " + now)).signer();
    }

    public List<KeyFile> keysOf(MemberId member) {
        return keys.getOrDefault(member, List.of());
    }
}
