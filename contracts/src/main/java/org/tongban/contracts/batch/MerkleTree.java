package org.tongban.contracts.batch;

import org.tongban.contracts.crypto.Digests;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * The Merkle hash tree of RFC 9162 §2.1 (as in Certificate Transparency), over SHA-256: a leaf
 * hashes {@code 0x00 || item}, an inner node {@code 0x01 || left || right}, and a tree of n
 * leaves splits at the largest power of two below n. Batches of penalty notices are signed once,
 * over the root; each item stays verifiable alone with its {@link InclusionProof}.
 */
public final class MerkleTree {
    private final List<byte[]> leaves;

    private MerkleTree(List<byte[]> leafHashes) {
        this.leaves = leafHashes;
    }

    /** A tree over items given as their canonical bytes. */
    public static MerkleTree ofItems(List<byte[]> items) {
        List<byte[]> hashes = new ArrayList<>(items.size());
        MessageDigest md = Digests.sha256();
        for (byte[] item : items) {
            hashes.add(leafHash(md, item));
        }
        return new MerkleTree(hashes);
    }

    public static byte[] leafHash(byte[] item) {
        return leafHash(Digests.sha256(), item);
    }

    private static byte[] leafHash(MessageDigest md, byte[] item) {
        md.reset();
        md.update((byte) 0x00);
        md.update(item);
        return md.digest();
    }

    private static byte[] nodeHash(MessageDigest md, byte[] left, byte[] right) {
        md.reset();
        md.update((byte) 0x01);
        md.update(left);
        md.update(right);
        return md.digest();
    }

    public int size() {
        return leaves.size();
    }

    /** The tree head; the hash of the empty string for an empty tree. */
    public byte[] root() {
        MessageDigest md = Digests.sha256();
        if (leaves.isEmpty()) {
            return md.digest();
        }
        return subtreeRoot(md, 0, leaves.size());
    }

    private byte[] subtreeRoot(MessageDigest md, int from, int to) {
        int n = to - from;
        if (n == 1) {
            return leaves.get(from);
        }
        int k = largestPowerOfTwoBelow(n);
        byte[] left = subtreeRoot(md, from, from + k);
        byte[] right = subtreeRoot(md, from + k, to);
        return nodeHash(md, left, right);
    }

    /** The audit path of leaf {@code index} (RFC 9162 §2.1.3.1). */
    public InclusionProof proof(int index) {
        if (index < 0 || index >= leaves.size()) {
            throw new IndexOutOfBoundsException("leaf " + index + " of " + leaves.size());
        }
        List<byte[]> path = new ArrayList<>();
        path(Digests.sha256(), index, 0, leaves.size(), path);
        return new InclusionProof(index, leaves.size(), path);
    }

    private void path(MessageDigest md, int m, int from, int to, List<byte[]> out) {
        int n = to - from;
        if (n == 1) {
            return;
        }
        int k = largestPowerOfTwoBelow(n);
        if (m < k) {
            path(md, m, from, from + k, out);
            out.add(subtreeRoot(md, from + k, to));
        } else {
            path(md, m - k, from + k, to, out);
            out.add(subtreeRoot(md, from, from + k));
        }
    }

    /**
     * Checks that an item is leaf {@code proof.index()} of the tree with {@code root}
     * (RFC 9162 §2.1.3.2); fails with {@code BATCH_ROOT_MISMATCH}.
     */
    public static void verify(byte[] item, InclusionProof proof, byte[] root) {
        if (proof.index() < 0 || proof.index() >= proof.treeSize()) {
            throw new ContractException(ErrorCode.BATCH_ROOT_MISMATCH, "", "the proof's index is outside the tree");
        }
        MessageDigest md = Digests.sha256();
        long fn = proof.index();
        long sn = proof.treeSize() - 1;
        byte[] r = leafHash(md, item);
        for (byte[] p : proof.path()) {
            if (sn == 0) {
                throw new ContractException(ErrorCode.BATCH_ROOT_MISMATCH, "", "the proof is longer than the tree is deep");
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(md, p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = nodeHash(md, r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        if (sn != 0 || !MessageDigest.isEqual(r, root)) {
            throw new ContractException(ErrorCode.BATCH_ROOT_MISMATCH, "", "the item does not lead to the signed root");
        }
    }

    private static int largestPowerOfTwoBelow(int n) {
        return Integer.highestOneBit(n - 1);
    }
}
