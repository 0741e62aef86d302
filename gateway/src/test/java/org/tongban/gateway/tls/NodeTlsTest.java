package org.tongban.gateway.tls;

import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.contracts.crypto.Digests;
import org.tongban.contracts.testing.TestKeys;
import org.tongban.gateway.config.ConfigException;
import org.tongban.gateway.config.NodeConfig;
import org.tongban.gateway.node.DirectoryHolder;
import org.tongban.gateway.testing.MutableClock;
import org.tongban.gateway.testing.SignedDirectory;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeTlsTest {
    @TempDir
    Path tmp;

    private Path directoryFile;
    private DirectoryHolder directory;
    private NodeTls.Generated east;

    @BeforeEach
    void directoryPinningEast() {
        east = NodeTls.generate("east", tmp.resolve("east.crt.pem"), tmp.resolve("east.key.pem"));
        directoryFile = tmp.resolve("directory.json");
        SignedDirectory.write(directoryFile, 1, nodes(east.fingerprint()));
        directory = new DirectoryHolder(directoryFile, TestKeys.anchor(), new MutableClock());
    }

    private static List<org.tongban.contracts.directory.DirectoryNode> nodes(String eastPin) {
        return List.of(SignedDirectory.node("north", "https://127.0.0.1:9"),
                SignedDirectory.node("east", "https://127.0.0.1:8443", eastPin),
                SignedDirectory.node("south", "https://127.0.0.1:9"));
    }

    private static X509Certificate read(Path pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(pem)));
    }

    @Nested
    class Generate {
        @Test
        void makes_a_five_year_self_signed_p256_certificate_for_the_node() throws Exception {
            X509Certificate cert = read(east.certificate());

            assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=east");
            assertThat(cert.getIssuerX500Principal()).isEqualTo(cert.getSubjectX500Principal());
            cert.verify(cert.getPublicKey());
            assertThat(((ECPublicKey) cert.getPublicKey()).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
            assertThat(cert.getSigAlgName()).isEqualTo("SHA256withECDSA");
            assertThat(Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant()))
                    .isGreaterThan(Duration.ofDays(5 * 365));
            assertThat(cert.getNotBefore().toInstant()).isBefore(Instant.now());
            List<Object> names = cert.getSubjectAlternativeNames().stream().map(san -> (Object) san.get(1)).toList();
            assertThat(names).containsExactlyInAnyOrder("127.0.0.1", "localhost");
            assertThat(cert.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        }

        @Test
        void returns_the_sha256_of_the_der_certificate_as_the_fingerprint_to_pin() throws Exception {
            X509Certificate cert = read(east.certificate());

            assertThat(east.fingerprint()).isEqualTo(Digests.sha256Hex(cert.getEncoded())).matches("[0-9a-f]{64}")
                    .isEqualTo(NodeTls.fingerprint(cert));
        }

        @Test
        void writes_a_pkcs8_key_only_its_owner_can_read() throws Exception {
            assertThat(Files.readString(east.privateKey())).startsWith("-----BEGIN PRIVATE KEY-----");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(east.privateKey())))
                    .isEqualTo("rw-------");
        }
    }

    @Nested
    class Load {
        @Test
        void loads_the_identity_and_knows_its_fingerprint() {
            NodeTls tls = NodeTls.load(new NodeConfig.Tls(east.certificate(), east.privateKey()), directory);

            assertThat(tls.fingerprint()).isEqualTo(east.fingerprint());
        }

        @Test
        void refuses_a_key_that_does_not_belong_to_the_certificate() {
            NodeTls.Generated other = NodeTls.generate("other", tmp.resolve("o.crt.pem"), tmp.resolve("o.key.pem"));

            assertThatThrownBy(() -> NodeTls.load(new NodeConfig.Tls(east.certificate(), other.privateKey()), directory))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("tls.privateKey")
                    .hasMessageContaining("is not the key of the certificate");
        }

        @Test
        void explains_how_to_convert_a_key_that_is_not_pkcs8() throws Exception {
            Path sec1 = tmp.resolve("sec1.pem");
            Files.writeString(sec1, "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----\n");

            assertThatThrownBy(() -> NodeTls.load(new NodeConfig.Tls(east.certificate(), sec1), directory))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("openssl pkcs8 -topk8");
        }

        @Test
        void names_a_missing_certificate_file() {
            assertThatThrownBy(() -> NodeTls.load(new NodeConfig.Tls(tmp.resolve("nope.pem"), east.privateKey()), directory))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("tls.certificate");
        }
    }

    @Nested
    class Options {
        private NodeTls tls;

        @BeforeEach
        void load() {
            tls = NodeTls.load(new NodeConfig.Tls(east.certificate(), east.privateKey()), directory);
        }

        @Test
        void the_server_requires_a_client_certificate_over_tls_13_or_12() {
            HttpServerOptions o = tls.server(new HttpServerOptions());

            assertThat(o.isSsl()).isTrue();
            assertThat(o.getClientAuth()).isEqualTo(ClientAuth.REQUIRED);
            assertThat(o.getEnabledSecureTransportProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
            assertThat(o.getKeyCertOptions()).isNotNull();
            assertThat(o.getTrustOptions()).isNotNull();
        }

        @Test
        void the_client_presents_its_certificate_and_does_not_check_host_names() {
            WebClientOptions o = tls.client(new WebClientOptions());

            assertThat(o.isVerifyHost()).isFalse();
            assertThat(o.getKeyCertOptions()).isNotNull();
            assertThat(o.getEnabledSecureTransportProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
        }
    }

    @Nested
    class PeerIdentity {
        @Test
        void a_pinned_certificate_names_its_node() throws Exception {
            NodeTls tls = NodeTls.load(new NodeConfig.Tls(east.certificate(), east.privateKey()), directory);

            assertThat(tls.nodeOf(read(east.certificate()))).contains("east");
        }

        @Test
        void a_directory_refresh_changes_who_is_known_without_a_restart() throws Exception {
            NodeTls tls = NodeTls.load(new NodeConfig.Tls(east.certificate(), east.privateKey()), directory);
            NodeTls.Generated rotated = NodeTls.generate("east", tmp.resolve("r.crt.pem"), tmp.resolve("r.key.pem"));
            assertThat(tls.nodeOf(read(rotated.certificate()))).isEmpty();

            SignedDirectory.write(directoryFile, 2, nodes(rotated.fingerprint()));
            directory.refresh();

            assertThat(tls.nodeOf(read(rotated.certificate()))).contains("east");
            assertThat(tls.nodeOf(read(east.certificate()))).isEmpty();
        }

        @Test
        void no_session_is_no_node() {
            NodeTls tls = NodeTls.load(new NodeConfig.Tls(east.certificate(), east.privateKey()), directory);

            assertThat(tls.nodeOf((javax.net.ssl.SSLSession) null)).isEmpty();
        }
    }
}
