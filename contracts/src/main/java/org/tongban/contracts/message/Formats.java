package org.tongban.contracts.message;

import java.util.regex.Pattern;

/** Formats and length limits of contract members, shared by the codecs and the JSON Schemas. */
final class Formats {
    static final int NAME = 200;
    static final int DECISION_NUMBER = 100;
    static final int AUTHORITY = 200;
    static final int REFERENCE = 100;
    static final int FILE_NAME = 255;
    static final int SHORT_TEXT = 500;
    static final int NOTE = 2000;

    static final int MAX_MATERIALS = 50;
    static final int MAX_CONTACTS = 10;
    static final int MAX_REASONS = 20;
    static final int MAX_EVENTS = 200;
    static final int MAX_BATCH = 10_000;

    static final Pattern RULE_SET = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    static final String RULE_SET_NAME = "a rule set id such as cn-2025";
    static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    static final String TOKEN_NAME = "an id of letters, digits and . _ : - (at most 64)";
    static final Pattern FILE = Pattern.compile("[^/\\\\\\p{Cntrl}]+");
    static final String FILE_NAME_TEXT = "a file name without path separators or control characters";
    static final Pattern MEDIA_TYPE = Pattern.compile(
            "[a-z0-9][a-z0-9!#$&^_.+-]{0,62}/[a-z0-9][a-z0-9!#$&^_.+-]{0,62}");
    static final String MEDIA_TYPE_NAME = "a lower-case media type such as application/pdf";
    static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    static final String SHA256_NAME = "a SHA-256 digest in 64 lower-case hex digits";
    static final Pattern PHONE = Pattern.compile("[0-9+()\\- ]{3,32}");
    static final String PHONE_NAME = "a phone number of digits, spaces and + ( ) -";
    static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,190}\\.[^@\\s]{1,63}");
    static final String EMAIL_NAME = "an e-mail address";

    private Formats() {
    }
}
