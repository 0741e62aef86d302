package org.tongban.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.contracts.crypto.EnvelopeSigner;
import org.tongban.contracts.crypto.KeyFile;
import org.tongban.contracts.crypto.SignatureAlgorithm;
import org.tongban.contracts.crypto.SigningKey;
import org.tongban.contracts.id.Ids;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.message.Envelope;
import org.tongban.contracts.message.RepairApplication;
import org.tongban.contracts.testing.SampleMessages;
import org.tongban.gateway.config.ConfigLoader;
import org.tongban.gateway.config.NodeConfig;
import org.tongban.gateway.devfed.DevFederation;
import org.tongban.gateway.devfed.FederationPlan;
import org.tongban.gateway.node.DirectoryHolder;
import org.tongban.gateway.node.Node;
import org.tongban.gateway.tls.NodeTls;
import org.tongban.gateway.testing.FreePorts;
import org.tongban.gateway.testing.OfficeClient;
import org.tongban.gateway.testing.Tokens;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The federation API of a real node over mutual TLS refuses tampered, replayed, expired, wrongly
 * keyed and oversized envelopes, each with its own stable code, and none of them changes any case.
 * The test plays the north node (its TLS identity and Harbin's key) against the east node.
 */
class RefusedEnvelopesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MemberId HARBIN = MemberId.of("230100");
    private static final MemberId TIANJIN = MemberId.of("120000");
    private static final MemberId HANGZHOU = MemberId.of("330100");

    @TempDir
    static Path dir;
    static Vertx vertx;
    static Node east;
    static WebClient client;
    static String url;
    static KeyFile harbinKey;
    static KeyFile tianjinKey;
    static DevFederation.Written written;
    static final Ids IDS = new Ids(Clock.systemUTC(), new SecureRandom());

    @BeforeAll
    static void start() throws Exception {
        ObjectNode scripted = JSON.createObjectNode();
        scripted.putArray("steps").add("accept");
        FederationPlan plan = new FederationPlan("tongban-it", false, List.of(
                new FederationPlan.NodePlan("north", "127.0.0.1", FreePorts.next(), FreePorts.next(), FreePorts.next(),
                        List.of(new FederationPlan.MemberPlan("230100", "哈尔滨市", "national", "scripted", scripted),
                                new FederationPlan.MemberPlan("120000", "天津市", "national", "scripted", scripted)), null),
                new FederationPlan.NodePlan("east", "127.0.0.1", FreePorts.next(), FreePorts.next(), FreePorts.next(),
                        List.of(new FederationPlan.MemberPlan("330100", "杭州市", "national", "scripted", scripted)), null)));
        written = new DevFederation(dir, plan, Clock.systemUTC()).write();
        NodeConfig eastConfig = ConfigLoader.load(written.nodeConfigs().get("east"), Map.of(
                "TONGBAN_LIMITS_MAX_ENVELOPE_BYTES", "65536", "TONGBAN_LIMITS_REPLAY_WINDOW", "1h"));
        vertx = Vertx.vertx();
        east = Node.start(vertx, eastConfig, Clock.systemUTC()).toCompletionStage().toCompletableFuture().join();
        NodeConfig northConfig = ConfigLoader.load(written.nodeConfigs().get("north"), Map.of());
        NodeTls northTls = NodeTls.load(northConfig.tls(), new DirectoryHolder(written.directory(),
                eastTrustAnchor(), Clock.systemUTC()));
        client = WebClient.create(vertx, northTls.client(new WebClientOptions()));
        url = "https://127.0.0.1:" + east.federationPort() + "/federation/v1/messages";
        harbinKey = KeyFile.parse(Files.readAllBytes(dir.resolve("keys/230100.json")));
        tianjinKey = KeyFile.parse(Files.readAllBytes(dir.resolve("keys/120000.json")));
    }

    private static org.tongban.contracts.directory.TrustAnchor eastTrustAnchor() throws Exception {
        KeyFile a = KeyFile.parse(Files.readAllBytes(written.anchor()));
        return new org.tongban.contracts.directory.TrustAnchor(a.keyId(), a.publicKey(), a.validFrom(), a.validUntil());
    }

    @AfterAll
    static void stop() {
        if (east != null) {
            east.stop(Duration.ofSeconds(5)).toCompletionStage().toCompletableFuture().join();
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    static Envelope application(OffsetDateTime sentAt, OffsetDateTime expiresAt) {
        RepairApplication app = SampleMessages.repairApplication();
        return Envelope.unsigned(IDS.newMessageId(), IDS.newCaseId(), IDS.newLegId(), HARBIN, HANGZHOU, sentAt, expiresAt,
                null, app);
    }

    static Envelope freshApplication() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(8));
        return application(now, now.plusDays(1));
    }

    static HttpResponse<Buffer> post(byte[] body) {
        return client.postAbs(url).putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body))
                .toCompletionStage().toCompletableFuture().join();
    }

    static JsonNode json(HttpResponse<Buffer> r) throws Exception {
        return JSON.readTree(r.bodyAsString());
    }

    static int casesAtEast() {
        OfficeClient ops = new OfficeClient("http://127.0.0.1:" + east.officePort(), "http://127.0.0.1:" + east.opsPort(),
                Tokens.mint(written.jwtSecret(), "tongban-it", null, "ops"));
        return ops.get("/office/v1/cases?limit=200").body().get("items").size();
    }

    static void assertRefused(byte[] body, int status, String code) throws Exception {
        int before = casesAtEast();
        HttpResponse<Buffer> r = post(body);
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
        assertThat(r.getHeader("Content-Type")).startsWith("application/problem+json");
        assertThat(json(r).get("code").asText()).isEqualTo(code);
        assertThat(casesAtEast()).as("no case changed").isEqualTo(before);
    }

    @Test
    void a_valid_envelope_is_stored_and_receipted_by_the_receiving_member() throws Exception {
        Envelope signed = new EnvelopeSigner(harbinKey.signer()).sign(freshApplication());
        int before = casesAtEast();
        HttpResponse<Buffer> r = post(signed.canonicalBytes());
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        JsonNode receipt = json(r);
        assertThat(receipt.get("type").asText()).isEqualTo("Receipt");
        assertThat(receipt.get("from").asText()).isEqualTo(HANGZHOU.value());
        assertThat(receipt.get("payload").get("receivedMessageId").asText()).isEqualTo(signed.messageId().toString());
        assertThat(receipt.get("payload").get("receivedSha256").asText())
                .isEqualTo(org.tongban.contracts.crypto.Digests.sha256Hex(signed.canonicalBytes()));
        assertThat(casesAtEast()).isEqualTo(before + 1);
    }

    @Nested
    class Refused {
        @Test
        void tampered_envelope_is_signature_invalid() throws Exception {
            String wire = new String(new EnvelopeSigner(harbinKey.signer()).sign(freshApplication()).canonicalBytes(),
                    StandardCharsets.UTF_8);
            assertRefused(wire.replace("哈尔滨龙运物流有限公司", "哈尔滨虎运物流有限公司").getBytes(StandardCharsets.UTF_8),
                    401, "SIGNATURE_INVALID");
        }

        @Test
        void replayed_envelope_gets_the_original_receipt_and_has_no_second_effect() throws Exception {
            byte[] wire = new EnvelopeSigner(harbinKey.signer()).sign(freshApplication()).canonicalBytes();
            HttpResponse<Buffer> first = post(wire);
            assertThat(first.statusCode()).isEqualTo(200);
            int after = casesAtEast();
            HttpResponse<Buffer> again = post(wire);
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(again.getHeader("Tongban-Duplicate")).isEqualTo("true");
            assertThat(again.bodyAsString()).isEqualTo(first.bodyAsString());
            assertThat(casesAtEast()).isEqualTo(after);
        }

        @Test
        void envelope_sent_before_the_replay_window_is_refused() throws Exception {
            // east keeps a replay window of one hour (keys are valid from a day ago)
            OffsetDateTime longAgo = OffsetDateTime.now(ZoneOffset.ofHours(8)).minusHours(3);
            byte[] wire = new EnvelopeSigner(harbinKey.signer()).sign(application(longAgo, longAgo.plusDays(30))).canonicalBytes();
            assertRefused(wire, 401, "MESSAGE_OUTSIDE_REPLAY_WINDOW");
        }

        @Test
        void expired_envelope_is_message_expired() throws Exception {
            OffsetDateTime sent = OffsetDateTime.now(ZoneOffset.ofHours(8)).minusHours(2);
            byte[] wire = new EnvelopeSigner(harbinKey.signer()).sign(application(sent, sent.plusHours(1))).canonicalBytes();
            assertRefused(wire, 401, "MESSAGE_EXPIRED");
        }

        @Test
        void envelope_signed_with_another_members_key_is_key_not_owned_by_sender() throws Exception {
            byte[] wire = new EnvelopeSigner(tianjinKey.signer()).sign(freshApplication()).canonicalBytes();
            assertRefused(wire, 401, "KEY_NOT_OWNED_BY_SENDER");
        }

        @Test
        void envelope_signed_with_a_key_outside_the_directory_is_key_unknown() throws Exception {
            SigningKey stranger = SigningKey.generate(SignatureAlgorithm.ED25519, new SecureRandom());
            byte[] wire = new EnvelopeSigner(new org.tongban.contracts.crypto.SoftwareSigner("230100-rogue", stranger))
                    .sign(freshApplication()).canonicalBytes();
            assertRefused(wire, 401, "KEY_UNKNOWN");
        }

        @Test
        void oversized_envelope_is_document_too_large() throws Exception {
            byte[] big = new byte[70_000];
            java.util.Arrays.fill(big, (byte) ' ');
            byte[] wire = new EnvelopeSigner(harbinKey.signer()).sign(freshApplication()).canonicalBytes();
            System.arraycopy(wire, 0, big, 0, wire.length);
            assertRefused(big, 413, "DOCUMENT_TOO_LARGE");
        }

        @Test
        void envelope_for_a_member_on_another_node_is_member_not_hosted() throws Exception {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(8));
            // correctly signed by Harbin; only the route is wrong: Tianjin is hosted on north
            Envelope fromHarbin = Envelope.unsigned(IDS.newMessageId(), IDS.newCaseId(), IDS.newLegId(), HARBIN, TIANJIN, now,
                    now.plusDays(1), null, new org.tongban.contracts.message.StatusQuery(false));
            assertRefused(new EnvelopeSigner(harbinKey.signer()).sign(fromHarbin).canonicalBytes(), 421, "MEMBER_NOT_HOSTED");
        }
    }
}
