package org.tongban.gateway.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.contracts.crypto.EnvelopeVerifier;
import org.tongban.contracts.crypto.VerificationPolicy;
import org.tongban.contracts.crypto.VerifiedEnvelope;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCategory;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.json.JsonLimits;
import org.tongban.contracts.json.StrictJson;
import org.tongban.contracts.message.Envelope;
import org.tongban.gateway.federation.InboundEffects;
import org.tongban.gateway.federation.ReceiptFactory;
import org.tongban.gateway.metrics.GatewayMetrics;
import org.tongban.gateway.node.DirectoryHolder;
import org.tongban.gateway.node.HostedMembers;
import org.tongban.gateway.store.GroupCommitter;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The path of an envelope received from a peer: strict parse and verification (signature, key
 * valid at sentAt, sender owns key, directory membership, replay window, limits), a signed
 * receipt, then storage and effects in a group-committed transaction. The receipt is answered
 * only after the commit. Verification is CPU work: call {@link #verify} on a worker thread.
 */
public final class InboundPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(InboundPipeline.class);

    /** What to answer: the receipt's canonical JSON, and whether the message had been seen before. */
    public record Answer(String receipt, boolean duplicate, Envelope envelope) {
    }

    private final DirectoryHolder directory;
    private final HostedMembers hosted;
    private final ReceiptFactory receipts;
    private final InboundEffects effects;
    private final GroupCommitter committer;
    private final GatewayMetrics metrics;
    private final Clock clock;
    private final StrictJson json;
    private final VerificationPolicy policy;

    public InboundPipeline(DirectoryHolder directory, HostedMembers hosted, ReceiptFactory receipts, InboundEffects effects,
                           GroupCommitter committer, GatewayMetrics metrics, Clock clock, int maxEnvelopeBytes,
                           Duration clockSkew, Duration replayWindow) {
        this.directory = directory;
        this.hosted = hosted;
        this.receipts = receipts;
        this.effects = effects;
        this.committer = committer;
        this.metrics = metrics;
        this.clock = clock;
        this.json = new StrictJson(JsonLimits.DEFAULT.withMaxDocumentBytes(maxEnvelopeBytes));
        this.policy = new VerificationPolicy(clockSkew, replayWindow);
    }

    /** Verified and receipted message, ready to be stored; {@code receipt} is the signed receipt's canonical JSON. */
    public record Checked(VerifiedEnvelope verified, String receipt) {
    }

    /** Parses, verifies and signs the receipt. Blocking CPU work; throws {@link ContractException}. */
    public Checked verify(byte[] body) {
        try {
            if (!directory.isValid()) {
                // the directory is what makes keys and members trustworthy: none past its validity
                throw new ContractException(ErrorCode.SERVICE_UNAVAILABLE, "", "this node's federation directory (serial "
                        + directory.directory().serial() + ") expired at " + directory.directory().validUntil()
                        + "; it takes messages again once a newer edition is installed");
            }
            JsonNode tree = json.parse(body);
            VerifiedEnvelope v = new EnvelopeVerifier(directory.trustStore(), clock, policy, json).verify(tree);
            if (!hosted.hosts(v.envelope().to())) {
                throw new ContractException(ErrorCode.MEMBER_NOT_HOSTED, "/to",
                        "member " + v.envelope().to() + " is not hosted on this node; see the federation directory");
            }
            return new Checked(v, new String(receipts.receiptWithBytes(v).canonical(), StandardCharsets.UTF_8));
        } catch (ContractException e) {
            if (e.code().category() == ErrorCategory.SECURITY) {
                metrics.verificationFailure(e.code().name());
            }
            throw e;
        }
    }

    /** Stores the message and applies it; completes with the receipt once committed. */
    public CompletableFuture<Answer> store(Checked checked) {
        return committer.submit(tx -> effects.accept(tx, checked.verified(), checked.receipt()))
                .thenApply(o -> new Answer(o.receipt(), o.duplicate(), checked.verified().envelope()));
    }

}
