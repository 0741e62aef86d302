package org.tongban.contracts.batch;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tongban.contracts.crypto.Digests;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MerkleTreeTest {
    private static final int MAX_SIZE = 40;

    private static List<byte[]> items(int n) {
        List<byte[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(("notice-" + i).getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    private static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (byte[] p : parts) {
                md.update(p);
            }
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertRootMismatch(byte[] item, InclusionProof proof, byte[] root, String what) {
        assertThatThrownBy(() -> MerkleTree.verify(item, proof, root)).as(what)
                .isInstanceOfSatisfying(ContractException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.BATCH_ROOT_MISMATCH));
    }

    /**
     * For leaf {@code m} of a tree of {@code n} leaves, which side each audit path hash sits on,
     * from the leaf up: true for a right sibling. From the definition of PATH in RFC 9162 §2.1.3.1.
     */
    private static List<Boolean> sides(int m, int n) {
        if (n == 1) {
            return new ArrayList<>();
        }
        int k = 1;
        while (k * 2 < n) {
            k *= 2;
        }
        List<Boolean> out = m < k ? sides(m, k) : sides(m - k, n - k);
        out.add(m < k);
        return out;
    }

    @Nested
    class Tree_heads {
        @Test
        void root_of_one_leaf_is_the_leaf_hash_with_prefix_zero() {
            byte[] item = "杭交执罚〔2026〕第0417号".getBytes(StandardCharsets.UTF_8);

            assertThat(MerkleTree.ofItems(List.of(item)).root()).isEqualTo(sha256(new byte[] {0x00}, item));
            assertThat(MerkleTree.leafHash(item)).isEqualTo(sha256(new byte[] {0x00}, item));
        }

        @Test
        void root_of_no_leaves_is_the_hash_of_nothing() {
            assertThat(MerkleTree.ofItems(List.of()).root()).isEqualTo(sha256());
        }

        @Test
        void root_of_three_leaves_is_the_left_pair_joined_with_the_third_leaf() {
            List<byte[]> d = items(3);
            byte[] zero = {0x00};
            byte[] one = {0x01};
            byte[] pair = sha256(one, sha256(zero, d.get(0)), sha256(zero, d.get(1)));
            byte[] expected = sha256(one, pair, sha256(zero, d.get(2)));

            assertThat(MerkleTree.ofItems(d).root()).isEqualTo(expected);
        }

        /** Reference roots of Certificate Transparency's tree tests (RFC 6962 = RFC 9162 hashing). */
        @ParameterizedTest(name = "size {0}")
        @CsvSource({
                "1, 6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                "2, fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
                "3, aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
                "4, d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
                "5, 4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
                "6, 76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
                "7, ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
                "8, 5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
        })
        void matches_certificate_transparency_reference_roots(int size, String root) {
            List<byte[]> leaves = List.of(new byte[0], new byte[] {0x00}, new byte[] {0x10},
                    new byte[] {0x20, 0x21}, new byte[] {0x30, 0x31}, new byte[] {0x40, 0x41, 0x42, 0x43},
                    new byte[] {0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57},
                    new byte[] {0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f});

            assertThat(Digests.hex(MerkleTree.ofItems(leaves.subList(0, size)).root())).isEqualTo(root);
        }

        @Test
        void root_depends_on_the_order_of_items() {
            List<byte[]> d = items(5);
            List<byte[]> swapped = new ArrayList<>(d);
            swapped.set(1, d.get(2));
            swapped.set(2, d.get(1));

            assertThat(MerkleTree.ofItems(swapped).root()).isNotEqualTo(MerkleTree.ofItems(d).root());
        }
    }

    @Nested
    class Inclusion_proofs {
        @Test
        void every_leaf_of_every_tree_up_to_40_verifies() {
            for (int n = 1; n <= MAX_SIZE; n++) {
                List<byte[]> d = items(n);
                MerkleTree tree = MerkleTree.ofItems(d);
                byte[] root = tree.root();
                for (int i = 0; i < n; i++) {
                    InclusionProof proof = tree.proof(i);
                    int leaf = i;

                    assertThat(proof.index()).isEqualTo(i);
                    assertThat(proof.treeSize()).isEqualTo(n);
                    assertThat(proof.path()).as("path length of leaf %d of %d", i, n).hasSize(sides(i, n).size());
                    assertThatCode(() -> MerkleTree.verify(d.get(leaf), proof, root))
                            .as("leaf %d of %d", i, n).doesNotThrowAnyException();
                }
            }
        }

        @Test
        void an_altered_item_fails() {
            for (int n = 1; n <= MAX_SIZE; n++) {
                List<byte[]> d = items(n);
                MerkleTree tree = MerkleTree.ofItems(d);
                for (int i = 0; i < n; i++) {
                    byte[] altered = d.get(i).clone();
                    altered[altered.length - 1] ^= 0x01;
                    byte[] longer = (new String(d.get(i), StandardCharsets.UTF_8) + " ").getBytes(StandardCharsets.UTF_8);

                    assertRootMismatch(altered, tree.proof(i), tree.root(), "flipped bit in leaf " + i + " of " + n);
                    assertRootMismatch(longer, tree.proof(i), tree.root(), "longer leaf " + i + " of " + n);
                    if (n > 1) {
                        assertRootMismatch(d.get((i + 1) % n), tree.proof(i), tree.root(), "other leaf for " + i + " of " + n);
                    }
                }
            }
        }

        @Test
        void an_altered_index_fails() {
            for (int n = 1; n <= MAX_SIZE; n++) {
                List<byte[]> d = items(n);
                MerkleTree tree = MerkleTree.ofItems(d);
                for (int i = 0; i < n; i++) {
                    InclusionProof proof = tree.proof(i);
                    for (long j = -1; j <= n; j++) {
                        if (j != i) {
                            assertRootMismatch(d.get(i), new InclusionProof(j, n, proof.path()), tree.root(),
                                    "leaf " + i + " of " + n + " claimed as " + j);
                        }
                    }
                }
            }
        }

        @Test
        void an_altered_tree_size_fails_when_it_moves_the_leaf_in_the_tree() {
            // RFC 9162 binds the tree size through the signed tree head, not through the proof: a size
            // under which the leaf has the same position on the same path recomputes the same root.
            // Every other size must fail.
            int checked = 0;
            for (int n = 1; n <= MAX_SIZE; n++) {
                List<byte[]> d = items(n);
                MerkleTree tree = MerkleTree.ofItems(d);
                for (int i = 0; i < n; i++) {
                    InclusionProof proof = tree.proof(i);
                    for (int size = 0; size <= 2 * MAX_SIZE; size++) {
                        if (size != n && (size <= i || !sides(i, size).equals(sides(i, n)))) {
                            assertRootMismatch(d.get(i), new InclusionProof(i, size, proof.path()), tree.root(),
                                    "leaf " + i + " of " + n + " claimed in a tree of " + size);
                            checked++;
                        }
                    }
                }
            }
            assertThat(checked).isGreaterThan(20_000);
        }

        @Test
        void any_altered_path_hash_fails() {
            for (int n = 2; n <= MAX_SIZE; n++) {
                List<byte[]> d = items(n);
                MerkleTree tree = MerkleTree.ofItems(d);
                for (int i = 0; i < n; i++) {
                    List<byte[]> path = tree.proof(i).path();
                    for (int p = 0; p < path.size(); p++) {
                        for (int bit : new int[] {0, 7, 255}) {
                            List<byte[]> altered = new ArrayList<>(path);
                            byte[] hash = path.get(p).clone();
                            hash[bit / 8] ^= (byte) (1 << (bit % 8));
                            altered.set(p, hash);

                            assertRootMismatch(d.get(i), new InclusionProof(i, n, altered), tree.root(),
                                    "bit " + bit + " of path hash " + p + " of leaf " + i + " of " + n);
                        }
                    }
                }
            }
        }

        @Test
        void a_shortened_lengthened_or_reordered_path_fails() {
            for (int n = 1; n <= MAX_SIZE; n++) {
                List<byte[]> d = items(n);
                MerkleTree tree = MerkleTree.ofItems(d);
                for (int i = 0; i < n; i++) {
                    List<byte[]> path = tree.proof(i).path();
                    List<byte[]> longer = new ArrayList<>(path);
                    longer.add(tree.root());
                    assertRootMismatch(d.get(i), new InclusionProof(i, n, longer), tree.root(), "longer path");
                    if (!path.isEmpty()) {
                        assertRootMismatch(d.get(i), new InclusionProof(i, n, path.subList(0, path.size() - 1)),
                                tree.root(), "shorter path");
                    }
                    if (path.size() > 1) {
                        List<byte[]> reversed = new ArrayList<>(path);
                        java.util.Collections.reverse(reversed);
                        assertRootMismatch(d.get(i), new InclusionProof(i, n, reversed), tree.root(), "reordered path");
                    }
                }
            }
        }

        @Test
        void a_proof_against_another_root_fails() {
            MerkleTree tree = MerkleTree.ofItems(items(7));
            byte[] otherRoot = MerkleTree.ofItems(items(8)).root();

            assertRootMismatch(items(7).get(3), tree.proof(3), otherRoot, "root of another batch");
        }

        @Test
        void an_inner_node_cannot_pass_as_a_leaf() {
            // Leaves and inner nodes are hashed with different prefixes, so the two children of the
            // root of a two-item tree cannot be presented as a one-item tree with the same root.
            List<byte[]> d = items(2);
            byte[] root = MerkleTree.ofItems(d).root();
            byte[] forged = new byte[65];
            forged[0] = 0x01;
            System.arraycopy(MerkleTree.leafHash(d.get(0)), 0, forged, 1, 32);
            System.arraycopy(MerkleTree.leafHash(d.get(1)), 0, forged, 33, 32);
            byte[] children = java.util.Arrays.copyOfRange(forged, 1, 65);

            assertThat(sha256(forged)).isEqualTo(root);
            assertRootMismatch(children, new InclusionProof(0, 1, List.of()), root, "inner node as leaf");
            assertRootMismatch(forged, new InclusionProof(0, 1, List.of()), root, "inner node preimage as leaf");
        }

        @Test
        void proof_outside_the_tree_is_refused() {
            MerkleTree tree = MerkleTree.ofItems(items(3));

            assertThatThrownBy(() -> tree.proof(3)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> tree.proof(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }
}
