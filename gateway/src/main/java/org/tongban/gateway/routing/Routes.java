package org.tongban.gateway.routing;

import org.tongban.contracts.directory.DirectoryMember;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.id.MemberId;
import org.tongban.gateway.node.DirectoryHolder;
import org.tongban.gateway.node.HostedMembers;
import org.tongban.gateway.store.OutboxRecord;

/**
 * Where a message to a member goes: to this node itself when the member is hosted here, or to
 * the peer node the directory names. One node per region, many regions, one protocol.
 */
public final class Routes {
    private final HostedMembers hosted;
    private final DirectoryHolder directory;

    public Routes(HostedMembers hosted, DirectoryHolder directory) {
        this.hosted = hosted;
        this.directory = directory;
    }

    public boolean isLocal(MemberId member) {
        return hosted.hosts(member);
    }

    /** The outbox destination of a member on a peer node. */
    public String peerDestination(MemberId member) {
        DirectoryMember m = directory.directory().member(member).orElseThrow(() -> new ContractException(
                ErrorCode.MEMBER_UNKNOWN, "", "member " + member + " is not in the federation directory"));
        return OutboxRecord.nodeDestination(m.node());
    }
}
