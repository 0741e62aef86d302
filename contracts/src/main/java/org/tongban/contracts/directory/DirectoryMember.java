package org.tongban.contracts.directory;

import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.json.JsonObjectReader;
import org.tongban.contracts.json.JsonObjectWriter;
import org.tongban.contracts.message.Contact;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A member city in the directory: its id (division code), name, the node that hosts it, its
 * signing keys, its contacts for consultation (合作会商) and the id of its SLA profile.
 */
public record DirectoryMember(MemberId id, String name, String node, List<DirectoryKey> keys, List<Contact> contacts,
                              String slaProfile) {
    static final Pattern PROFILE = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    public DirectoryMember {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(slaProfile, "slaProfile");
        keys = List.copyOf(keys);
        contacts = contacts == null ? List.of() : List.copyOf(contacts);
    }

    static DirectoryMember read(JsonObjectReader r) {
        MemberId id = r.parsed("id", MemberId::of);
        String name = r.string("name", 100);
        String node = r.string("node", 63, DirectoryNode.NODE_ID, "a node id");
        List<DirectoryKey> keys = r.list("keys", 1, 16, DirectoryKey::read);
        List<Contact> contacts = r.list("contacts", 0, 16, Contact::read);
        String profile = r.string("slaProfile", 32, PROFILE, "an SLA profile id such as national");
        return r.build(() -> new DirectoryMember(id, name, node, keys, contacts, profile));
    }

    JsonObjectWriter write() {
        return JsonObjectWriter.create()
                .putText("id", id)
                .put("name", name)
                .put("node", node)
                .putRequiredList("keys", keys, k -> k.write().node())
                .putList("contacts", contacts, c -> c.write().node())
                .put("slaProfile", slaProfile);
    }
}
