package org.tongban.contracts.batch;

import java.util.List;

/**
 * Proof that one item belongs to a signed batch: its index, the size of the tree and the sibling
 * hashes from the leaf up to the root.
 */
public record InclusionProof(long index, long treeSize, List<byte[]> path) {
    public InclusionProof {
        path = List.copyOf(path);
    }
}
