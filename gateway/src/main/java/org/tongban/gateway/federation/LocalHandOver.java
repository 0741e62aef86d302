package org.tongban.gateway.federation;

import org.tongban.contracts.crypto.EnvelopeVerifier;
import org.tongban.contracts.crypto.SignedEnvelope;
import org.tongban.contracts.crypto.VerifiedEnvelope;
import org.tongban.contracts.message.Envelope;
import org.tongban.gateway.metrics.GatewayMetrics;
import org.tongban.gateway.node.DirectoryHolder;
import org.tongban.gateway.routing.Dispatcher;
import org.tongban.gateway.store.Tx;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * Delivery between two members hosted on this node, inside the sender's transaction: the
 * envelope is verified like any received one (so a key missing from the directory is caught
 * here too), stored in the inbox with a receipt, applied, and the receipt applied at the sender.
 */
public final class LocalHandOver implements Dispatcher.LocalDelivery {
    private final DirectoryHolder directory;
    private final ReceiptFactory receipts;
    private final InboundEffects effects;
    private final DeliveryResults results;
    private final GatewayMetrics metrics;
    private final Clock clock;

    public LocalHandOver(DirectoryHolder directory, ReceiptFactory receipts, InboundEffects effects,
                         DeliveryResults results, GatewayMetrics metrics, Clock clock) {
        this.directory = directory;
        this.receipts = receipts;
        this.effects = effects;
        this.results = results;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void deliver(Tx tx, Envelope envelope) {
        VerifiedEnvelope v = new EnvelopeVerifier(directory.trustStore(), clock).verify(envelope.toJson());
        SignedEnvelope receipt = receipts.receiptWithBytes(v);
        effects.accept(tx, v, new String(receipt.canonical(), StandardCharsets.UTF_8));
        results.onReceipt(tx, envelope, receipt.envelope());
        metrics.messageOut(envelope.from().value(), "local", envelope.type().wireName(), "delivered");
    }
}
