package org.tongban.contracts.directory;

import com.fasterxml.jackson.databind.JsonNode;
import org.tongban.contracts.crypto.MessageSigner;
import org.tongban.contracts.crypto.SignatureBlock;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.json.Canonicalizer;
import org.tongban.contracts.json.JsonObjectReader;
import org.tongban.contracts.json.ReadContext;
import org.tongban.contracts.json.StrictJson;

import java.time.Instant;
import java.util.Set;

/** Signs the directory with the anchor key, and verifies a received directory against the anchor. */
public final class DirectorySignatures {
    private DirectorySignatures() {
    }

    /** The directory signed by the trust anchor's signer. */
    public static FederationDirectory sign(FederationDirectory directory, MessageSigner anchor) {
        byte[] bytes = directory.withSignature(null).signedBytes();
        return directory.withSignature(new SignatureBlock(anchor.algorithm(), anchor.keyId(), anchor.sign(bytes)));
    }

    /**
     * Parses and verifies a directory document: signature by the anchor over the document as
     * received ({@code SIGNATURE_MISSING}, {@code KEY_UNKNOWN} for another key id,
     * {@code SIGNATURE_INVALID}), the anchor valid when the directory was issued
     * ({@code KEY_NOT_VALID_AT_SENT_AT}), the content well-formed ({@code DIRECTORY_INVALID} and
     * validation codes), and {@code now} before {@code validUntil} ({@code DIRECTORY_EXPIRED}).
     */
    public static FederationDirectory verify(byte[] document, TrustAnchor anchor, Instant now) {
        JsonNode tree = StrictJson.defaults().parse(document);
        if (!tree.isObject()) {
            throw new ContractException(ErrorCode.DIRECTORY_INVALID, "", "a directory is a JSON object");
        }
        JsonNode sigNode = tree.get("signature");
        if (sigNode == null || sigNode.isNull()) {
            throw new ContractException(ErrorCode.SIGNATURE_MISSING, "/signature", "the directory is not signed");
        }
        ReadContext ctx = ReadContext.strict();
        JsonObjectReader r = JsonObjectReader.of(sigNode, "/signature", ctx);
        SignatureBlock sig = r == null ? null : SignatureBlock.read(r);
        ctx.throwIfAny();
        if (!sig.keyId().equals(anchor.keyId())) {
            throw new ContractException(ErrorCode.KEY_UNKNOWN, "/signature/keyId",
                    "the directory is signed by " + sig.keyId() + ", not by the trust anchor " + anchor.keyId());
        }
        if (sig.algorithm() != anchor.key().algorithm()) {
            throw new ContractException(ErrorCode.KEY_ALGORITHM_MISMATCH, "/signature/alg",
                    "the trust anchor is an " + anchor.key().algorithm() + " key");
        }
        byte[] signed = Canonicalizer.canonicalizeWithout(tree, Set.of("signature"));
        if (!anchor.key().verify(signed, sig.value())) {
            throw new ContractException(ErrorCode.SIGNATURE_INVALID, "/signature/value",
                    "the directory's signature does not verify with the trust anchor");
        }
        FederationDirectory dir = FederationDirectory.read(tree);
        if (!anchor.isValidAt(dir.issuedAt().toInstant())) {
            throw new ContractException(ErrorCode.KEY_NOT_VALID_AT_SENT_AT, "/issuedAt",
                    "the trust anchor was not valid when the directory was issued");
        }
        if (!now.isBefore(dir.validUntil().toInstant())) {
            throw new ContractException(ErrorCode.DIRECTORY_EXPIRED, "/validUntil",
                    "directory " + dir.serial() + " expired at " + dir.validUntil());
        }
        return dir;
    }
}
