package org.tongban.gateway.tls;

import org.tongban.contracts.directory.DirectoryNode;
import org.tongban.contracts.directory.FederationDirectory;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.net.URI;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Trusts a peer's certificate when its SHA-256 fingerprint is pinned for a node in the
 * federation directory in force at handshake time, so a directory refresh takes effect for the
 * next connection without a restart. There are no certificate authorities: the signed directory
 * is the only statement of who the nodes are.
 *
 * <p>As a client, when the address dialled is the URL of a directory node, only that node's pins
 * are accepted: a node cannot answer in another node's place with its own valid certificate.
 */
final class PinningTrustManager extends X509ExtendedTrustManager {
    private static final X509Certificate[] NO_ISSUERS = new X509Certificate[0];

    private final Supplier<FederationDirectory> directory;

    PinningTrustManager(Supplier<FederationDirectory> directory) {
        this.directory = directory;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain, null, -1);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain, null, -1);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, null, -1);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain, null, -1);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain, engine == null ? null : engine.getPeerHost(), engine == null ? -1 : engine.getPeerPort());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, null, -1);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        // no CA list in the CertificateRequest: a node presents its one self-signed certificate
        return NO_ISSUERS;
    }

    private void check(X509Certificate[] chain, String dialledHost, int dialledPort) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the peer presented no certificate");
        }
        X509Certificate leaf = chain[0];
        leaf.checkValidity();
        String fingerprint = NodeTls.fingerprint(leaf);
        FederationDirectory dir = directory.get();
        List<DirectoryNode> dialled = dialledHost == null ? List.of() : dir.nodes().stream()
                .filter(n -> sameAddress(n.url(), dialledHost, dialledPort)).toList();
        List<DirectoryNode> candidates = dialled.isEmpty() ? dir.nodes() : dialled;
        if (candidates.stream().noneMatch(n -> n.tlsCertificateSha256().contains(fingerprint))) {
            Set<String> names = candidates.stream().map(DirectoryNode::id).collect(Collectors.toSet());
            throw new CertificateException("certificate sha256 " + fingerprint + " (" + leaf.getSubjectX500Principal()
                    + ") is not pinned for " + (dialled.isEmpty() ? "any node" : "node(s) " + names)
                    + " in federation directory serial " + dir.serial());
        }
    }

    private static boolean sameAddress(URI url, String host, int port) {
        if (url.getHost() == null || !url.getHost().toLowerCase(Locale.ROOT).equals(host.toLowerCase(Locale.ROOT))) {
            return false;
        }
        int urlPort = url.getPort() >= 0 ? url.getPort() : ("https".equals(url.getScheme()) ? 443 : 80);
        return port < 0 || urlPort == port;
    }
}
