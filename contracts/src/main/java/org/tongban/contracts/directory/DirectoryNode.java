package org.tongban.contracts.directory;

import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.json.JsonObjectReader;
import org.tongban.contracts.json.JsonObjectWriter;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A gateway node (节点): its federation URL and the SHA-256 fingerprints of the TLS certificates
 * it presents, which peers pin for mutual TLS.
 */
public record DirectoryNode(String id, URI url, List<String> tlsCertificateSha256) {
    static final Pattern NODE_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public DirectoryNode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
        tlsCertificateSha256 = tlsCertificateSha256 == null ? List.of() : List.copyOf(tlsCertificateSha256);
        if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme())) {
            throw new ContractException(ErrorCode.DIRECTORY_INVALID, "/url", "a node URL is https (http for development only)");
        }
    }

    static DirectoryNode read(JsonObjectReader r) {
        String id = r.string("id", 63, NODE_ID, "a node id of lower-case letters, digits and -");
        URI url = r.parsed("url", DirectoryNode::uri);
        List<String> pins = stringList(r, "tlsCertificateSha256");
        return r.build(() -> new DirectoryNode(id, url, pins));
    }

    private static List<String> stringList(JsonObjectReader r, String name) {
        r.accept(name);
        var node = r.node().get(name);
        if (node == null) {
            return List.of();
        }
        if (!node.isArray() || node.size() > 8) {
            r.context().add(ErrorCode.FIELD_TYPE, r.pointer() + "/" + name, "expected an array of at most 8 fingerprints");
            return null;
        }
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String v = node.get(i).isTextual() ? node.get(i).textValue() : null;
            if (v == null || !v.matches("[0-9a-f]{64}")) {
                r.context().add(ErrorCode.FIELD_FORMAT, r.pointer() + "/" + name + "/" + i,
                        "a certificate fingerprint is a SHA-256 in 64 lower-case hex digits");
                return null;
            }
            out.add(v);
        }
        return out;
    }

    private static URI uri(String text) {
        try {
            URI u = new URI(text);
            if (u.getHost() == null) {
                throw new ContractException(ErrorCode.FIELD_FORMAT, "", "'" + text + "' is not an absolute URL");
            }
            return u;
        } catch (java.net.URISyntaxException e) {
            throw new ContractException(ErrorCode.FIELD_FORMAT, "", "'" + text + "' is not a URL");
        }
    }

    JsonObjectWriter write() {
        JsonObjectWriter w = JsonObjectWriter.create().put("id", id).put("url", url.toString());
        if (!tlsCertificateSha256.isEmpty()) {
            var a = JsonObjectWriter.array();
            tlsCertificateSha256.forEach(a::add);
            w.put("tlsCertificateSha256", a);
        }
        return w;
    }
}
