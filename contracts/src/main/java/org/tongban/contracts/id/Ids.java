package org.tongban.contracts.id;

import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Time-ordered identifiers: UUID version 7 (RFC 9562), 48 bits of Unix milliseconds, then a
 * 12-bit counter that keeps ids from one generator strictly increasing within a millisecond,
 * then 62 random bits that keep ids from different nodes apart. Their canonical text (lower-case,
 * hyphenated) sorts in time order.
 */
public final class Ids {
    private static final Ids DEFAULT = new Ids(Clock.systemUTC(), new SecureRandom());
    /** Random values drawn from the generator at once (see {@link #randomLong()}). */
    private static final int POOL_LONGS = 64;
    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.BIG_ENDIAN);

    private final Clock clock;
    private final SecureRandom random;
    private long lastMillis = -1;
    private int counter;
    private final byte[] pool = new byte[POOL_LONGS * Long.BYTES];
    private int unused;

    public Ids(Clock clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
    }

    /** The process-wide generator on the system clock. */
    public static Ids defaults() {
        return DEFAULT;
    }

    public MessageId newMessageId() {
        return new MessageId(next());
    }

    public CaseId newCaseId() {
        return new CaseId(next());
    }

    public LegId newLegId() {
        return new LegId(next());
    }

    /** A fresh UUIDv7. */
    public synchronized UUID next() {
        long now = clock.millis();
        if (now > lastMillis) {
            lastMillis = now;
            counter = random.nextInt(1 << 11); // start low so the counter has room to grow
        } else {
            counter++;
            if (counter >= (1 << 12)) {
                // counter exhausted: borrow the next millisecond so order is kept
                lastMillis++;
                counter = 0;
            }
        }
        long msb = (lastMillis << 16) | (0x7L << 12) | counter;
        long lsb = (randomLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }

    /**
     * 64 random bits, drawn from the generator 64 values at a time: one draw of a strong generator
     * costs about as much as a few hundred bytes of its output, and a batch of notices takes thousands of ids.
     */
    private long randomLong() {
        if (unused == 0) {
            random.nextBytes(pool);
            unused = POOL_LONGS;
        }
        unused--;
        return (long) LONGS.get(pool, unused * Long.BYTES);
    }

    /** Parses the canonical text of a UUIDv7, or fails with {@code IDENTIFIER_INVALID}. */
    public static UUID parseV7(String text) {
        if (text == null || text.length() != 36) {
            throw invalid(text);
        }
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            boolean hyphen = i == 8 || i == 13 || i == 18 || i == 23;
            if (hyphen ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                throw invalid(text);
            }
        }
        UUID uuid = UUID.fromString(text);
        if (uuid.version() != 7 || uuid.variant() != 2) {
            throw new ContractException(ErrorCode.IDENTIFIER_INVALID, "",
                    "'" + text + "' is not a version 7 UUID");
        }
        return uuid;
    }

    /** The creation time encoded in a UUIDv7. */
    public static Instant timestampOf(UUID v7) {
        return Instant.ofEpochMilli(v7.getMostSignificantBits() >>> 16);
    }

    private static ContractException invalid(String text) {
        return new ContractException(ErrorCode.IDENTIFIER_INVALID, "",
                "'" + text + "' is not a lower-case hyphenated UUID");
    }
}
