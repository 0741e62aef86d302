package org.tongban.contracts.json;

/** RFC 6901 JSON Pointer construction. */
public final class JsonPointers {
    private JsonPointers() {
    }

    /** Appends a member name to a pointer, escaping {@code ~} and {@code /}. */
    public static String child(String parent, String name) {
        if (name.indexOf('~') < 0 && name.indexOf('/') < 0) {
            return parent + "/" + name;
        }
        return parent + "/" + name.replace("~", "~0").replace("/", "~1");
    }

    /** Appends an array index to a pointer. */
    public static String index(String parent, int index) {
        return parent + "/" + index;
    }
}
