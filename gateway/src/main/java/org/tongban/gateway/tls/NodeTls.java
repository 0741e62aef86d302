package org.tongban.gateway.tls;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.SSLEngineOptions;
import io.vertx.core.net.TrustOptions;
import io.vertx.ext.web.client.WebClientOptions;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.tongban.contracts.crypto.Digests;
import org.tongban.contracts.directory.DirectoryNode;
import org.tongban.gateway.config.ConfigException;
import org.tongban.gateway.config.NodeConfig;
import org.tongban.gateway.node.DirectoryHolder;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;
import java.util.Set;

/**
 * This node's TLS identity on the federation API, as server and as client: mutual TLS where
 * each side trusts the other by the certificate fingerprints the signed federation directory
 * pins for its nodes (X-Road style: the directory, not a CA, says who the nodes are). Host
 * names are not verified: the pin is the identity.
 *
 * <p>The pins are read from {@link DirectoryHolder} at every handshake, so a refreshed directory
 * (a rotated or revoked certificate) applies to the next connection without a restart.
 */
public final class NodeTls {
    /** TLS 1.3, and 1.2 for partners whose stack has no 1.3 yet. */
    public static final Set<String> PROTOCOLS = Set.of("TLSv1.3", "TLSv1.2");
    /** Validity of a certificate made by {@link #generate}. */
    public static final Duration GENERATED_VALIDITY = Duration.ofDays(5 * 365 + 1);

    private final PemKeyCertOptions keyCert;
    private final X509Certificate certificate;
    private final DirectoryHolder directory;
    private final TrustOptions trust;
    private final SSLEngineOptions engine;

    private NodeTls(PemKeyCertOptions keyCert, X509Certificate certificate, DirectoryHolder directory,
                    SSLEngineOptions engine) {
        this.keyCert = keyCert;
        this.certificate = certificate;
        this.directory = directory;
        this.trust = TrustOptions.wrap(new PinningTrustManager(directory::directory));
        this.engine = engine;
    }

    /** The TLS implementation {@code tls.engine} asks for; {@code openssl} where it cannot load is a configuration error. */
    static SSLEngineOptions engine(NodeConfig.TlsEngine wanted) {
        switch (wanted) {
            case jdk:
                return new JdkSSLEngineOptions();
            case openssl:
                if (!OpenSSLEngineOptions.isAvailable()) {
                    throw new ConfigException("tls.engine: openssl is not available on this platform (netty-tcnative"
                            + " BoringSSL did not load); use auto or jdk");
                }
                return new OpenSSLEngineOptions();
            default:
                return OpenSSLEngineOptions.isAvailable() ? new OpenSSLEngineOptions() : new JdkSSLEngineOptions();
        }
    }

    /** {@code openssl} or {@code jdk}: the TLS implementation in use. */
    public String engineName() {
        return engine instanceof OpenSSLEngineOptions ? "openssl" : "jdk";
    }

    /** A certificate made by {@link #generate}: where it was written and the fingerprint to pin. */
    public record Generated(String fingerprint, Path certificate, Path privateKey) {
    }

    /**
     * Loads the node's certificate (PEM, the node's own certificate first) and its PKCS#8 private
     * key (PEM {@code BEGIN PRIVATE KEY}), checking that they belong together.
     *
     * @throws ConfigException naming the {@code tls.*} key and what to do
     */
    public static NodeTls load(NodeConfig.Tls cfg, DirectoryHolder directory) {
        byte[] certPem = read(cfg.certificate(), "tls.certificate");
        byte[] keyPem = read(cfg.privateKey(), "tls.privateKey");
        X509Certificate cert;
        try {
            Certificate c = CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(certPem));
            cert = (X509Certificate) c;
        } catch (CertificateException | ClassCastException e) {
            throw new ConfigException("tls.certificate: " + cfg.certificate() + " is not a PEM X.509 certificate: "
                    + e.getMessage());
        }
        PrivateKey key = privateKey(keyPem, cert, cfg.privateKey());
        checkPair(cert, key, cfg);
        PemKeyCertOptions options = new PemKeyCertOptions().setCertValue(Buffer.buffer(certPem))
                .setKeyValue(Buffer.buffer(keyPem));
        return new NodeTls(options, cert, directory, engine(cfg.engine()));
    }

    /** Options for the federation API's server: TLS 1.3/1.2, a client certificate required and pinned. */
    public HttpServerOptions server(HttpServerOptions base) {
        base.setSsl(true);
        base.setSslEngineOptions(engine.copy());
        base.setKeyCertOptions(keyCert.copy());
        base.setTrustOptions(trust.copy());
        base.setClientAuth(ClientAuth.REQUIRED);
        base.setEnabledSecureTransportProtocols(PROTOCOLS);
        return base;
    }

    /**
     * Options for the client that delivers to peers: this node's certificate as client
     * certificate, the peer's certificate pinned, no host name check. TLS applies to
     * {@code https} URLs.
     */
    public WebClientOptions client(WebClientOptions base) {
        base.setSslEngineOptions(engine.copy());
        base.setKeyCertOptions(keyCert.copy());
        base.setTrustOptions(trust.copy());
        base.setVerifyHost(false);
        base.setEnabledSecureTransportProtocols(PROTOCOLS);
        return base;
    }

    /** The directory node whose pin matches the certificate a TLS peer presented, if any. */
    public Optional<String> nodeOf(SSLSession session) {
        if (session == null) {
            return Optional.empty();
        }
        Certificate[] chain;
        try {
            chain = session.getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
        if (chain.length == 0 || !(chain[0] instanceof X509Certificate)) {
            return Optional.empty();
        }
        return nodeOf((X509Certificate) chain[0]);
    }

    /** The directory node that pins {@code certificate}, if any. */
    public Optional<String> nodeOf(X509Certificate certificate) {
        String fp = fingerprint(certificate);
        return directory.directory().nodes().stream().filter(n -> n.tlsCertificateSha256().contains(fp))
                .map(DirectoryNode::id).findFirst();
    }

    /** This node's own certificate. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The fingerprint of this node's certificate, as the directory must pin it. */
    public String fingerprint() {
        return fingerprint(certificate);
    }

    /** SHA-256 of the DER certificate, 64 lower-case hex digits: the form the directory pins. */
    public static String fingerprint(X509Certificate certificate) {
        try {
            return Digests.sha256Hex(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded: " + e.getMessage(), e);
        }
    }

    /**
     * Makes a self-signed ECDSA P-256 certificate for a node: CN=&lt;nodeId&gt;, SAN 127.0.0.1 and
     * localhost, valid five years, usable as TLS server and client. Writes the certificate and its
     * PKCS#8 key (readable by the owner only, where the file system allows) as PEM.
     */
    public static Generated generate(String nodeId, Path certOut, Path keyOut) {
        try {
            KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
            kpg.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair pair = kpg.generateKeyPair();
            Instant now = Instant.now();
            X500Name name = new X500Name("CN=" + nodeId);
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    new BigInteger(127, new SecureRandom()).add(BigInteger.ONE),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(GENERATED_VALIDITY)), name,
                    pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                            new KeyPurposeId[]{KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[]{
                            new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                            new GeneralName(GeneralName.dNSName, "localhost")}));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            writePem(certOut, cert, false);
            writePem(keyOut, new JcaPKCS8Generator(pair.getPrivate(), null).generate(), true);
            return new Generated(fingerprint(cert), certOut, keyOut);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot generate a TLS certificate for node " + nodeId + ": " + e.getMessage(), e);
        }
    }

    private static void writePem(Path file, Object pem, boolean secret) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(pem);
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, out.toString(), StandardCharsets.US_ASCII);
        if (secret) {
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system (Windows): the directory's ACL protects the key
            }
        }
    }

    private static byte[] read(Path file, String key) {
        if (file == null) {
            throw new ConfigException(key + ": missing; name the PEM file (tongban tls-cert makes one)");
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigException(key + ": cannot read " + file + ": " + e.getMessage());
        }
    }

    private static PrivateKey privateKey(byte[] pem, X509Certificate cert, Path file) {
        String text = new String(pem, StandardCharsets.US_ASCII);
        if (text.contains("BEGIN ENCRYPTED PRIVATE KEY")) {
            throw new ConfigException("tls.privateKey: " + file + " is encrypted; the node needs an unencrypted PKCS#8 key"
                    + " (protect it with file permissions)");
        }
        int begin = text.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = text.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new ConfigException("tls.privateKey: " + file + " holds no PKCS#8 key (BEGIN PRIVATE KEY); convert it with"
                    + " 'openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.pk8.pem'");
        }
        String b64 = text.substring(begin + "-----BEGIN PRIVATE KEY-----".length(), end).replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance(cert.getPublicKey().getAlgorithm())
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(b64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new ConfigException("tls.privateKey: " + file + " is not a " + cert.getPublicKey().getAlgorithm()
                    + " key matching the certificate: " + e.getMessage());
        }
    }

    private static void checkPair(X509Certificate cert, PrivateKey key, NodeConfig.Tls cfg) {
        String alg = switch (cert.getPublicKey().getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> cert.getPublicKey().getAlgorithm();
        };
        try {
            byte[] probe = "tongban-tls-key-check".getBytes(StandardCharsets.US_ASCII);
            Signature s = Signature.getInstance(alg);
            s.initSign(key);
            s.update(probe);
            byte[] sig = s.sign();
            Signature v = Signature.getInstance(alg);
            v.initVerify(cert.getPublicKey());
            v.update(probe);
            if (!v.verify(sig)) {
                throw new ConfigException("tls.privateKey: " + cfg.privateKey() + " is not the key of the certificate in "
                        + cfg.certificate());
            }
        } catch (GeneralSecurityException e) {
            throw new ConfigException("tls.privateKey: " + cfg.privateKey() + " cannot sign for the certificate in "
                    + cfg.certificate() + ": " + e.getMessage());
        }
    }
}
