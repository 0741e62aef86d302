package org.tongban.gateway.sharing;

import org.tongban.contracts.batch.InclusionProof;
import org.tongban.contracts.id.MessageId;

/**
 * That a notice received in a batch is leaf {@code proof.index()} of the hash tree whose head the
 * penalizing member signed (RFC 9162 inclusion proof): with the notice's canonical bytes, anyone can
 * check it against {@code treeRoot} without the other notices of the batch.
 *
 * With the signed head as well, the notice is verified with nothing else
 * ({@code EnvelopeVerifier.verifyNotice}).
 *
 * @param messageId  the signed {@code PenaltyNoticeBatch} envelope
 * @param leafHash   hex SHA-256 of {@code 0x00 || canonical bytes of the notice}
 * @param signedHead the batch envelope as received without its notices, signature included: canonical JSON
 */
public record NoticeProof(MessageId messageId, String batchId, String treeRoot, String leafHash, InclusionProof proof,
                          String signedHead) {
}
