package org.tongban.gateway.testing;

import org.tongban.contracts.directory.DirectoryNode;
import org.tongban.contracts.directory.DirectorySignatures;
import org.tongban.contracts.directory.FederationDirectory;
import org.tongban.contracts.testing.TestDirectory;
import org.tongban.contracts.testing.TestKeys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Signed directories of the demo federation ({@link TestDirectory}'s members on nodes north,
 * east and south) whose node URLs and TLS pins a test chooses, e.g. to point a node at an
 * in-process peer on a random port. Signed by {@link TestKeys#anchor()}.
 */
public final class SignedDirectory {
    private SignedDirectory() {
    }

    public static DirectoryNode node(String id, String url, String... pins) {
        return new DirectoryNode(id, URI.create(url), List.of(pins));
    }

    /** North, east and south at the given URLs (pins given per node by the caller). */
    public static FederationDirectory of(long serial, List<DirectoryNode> nodes) {
        FederationDirectory base = TestDirectory.unsigned();
        return DirectorySignatures.sign(new FederationDirectory(base.federation(), serial, base.issuedAt(),
                base.validUntil(), nodes, base.members(), null), TestKeys.anchorKey().signer());
    }

    /** Writes a signed directory where {@link org.tongban.gateway.node.DirectoryHolder} reads it. */
    public static void write(Path file, long serial, List<DirectoryNode> nodes) {
        try {
            Files.write(file, of(serial, nodes).toJson().toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every node at an unreachable placeholder URL: a start before the real ports are known. */
    public static List<DirectoryNode> placeholders() {
        return List.of(node("north", "http://127.0.0.1:9"), node("east", "http://127.0.0.1:9"),
                node("south", "http://127.0.0.1:9"));
    }
}
