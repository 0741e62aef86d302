package org.tongban.contracts.golden;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tongban.contracts.crypto.EnvelopeVerifier;
import org.tongban.contracts.crypto.TrustStore;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.golden.ByteRegions.Region;
import org.tongban.contracts.json.StrictJson;
import org.tongban.contracts.message.ContractVersion;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Changing any single byte of a signed golden vector makes verification fail, with a code that
 * fits where the byte is: {@code SIGNATURE_INVALID} in the signed content and the signature value,
 * {@code KEY_UNKNOWN} in the key id, {@code ALGORITHM_UNSUPPORTED} in the algorithm,
 * {@code BATCH_ROOT_MISMATCH} (or the notice's own rules) in the notices of a batch, and so on
 * (see {@link Region}); a change that breaks the JSON is {@code JSON_MALFORMED}. Every byte is
 * changed twice: its lowest bit flipped, and replaced by a printable character drawn in turn from
 * a set that includes the JSON specials.
 */
class GoldenVectorTamperTest {
    private static final String PRINTABLE = "x0 \"\\:,}{]Ae.~-";
    private static final Map<Region, Map<ErrorCode, LongAdder>> SEEN = new ConcurrentHashMap<>();
    private static final LongAdder POSITIONS = new LongAdder();
    private static final LongAdder CHANGES = new LongAdder();

    static List<String> signedVectors() {
        return GoldenFolder.signedVectors();
    }

    @ParameterizedTest
    @MethodSource("signedVectors")
    void every_single_byte_change_is_refused_with_a_code_of_its_region(String name) {
        byte[] original = GoldenFolder.read(name);
        Instant sentAt = GoldenFolder.sentAt(original);
        EnvelopeVerifier verifier = GoldenFolder.verifierAt(sentAt);
        TrustStore trust = GoldenFolder.trustStore(sentAt);
        verifier.verify(original); // the untouched vector is accepted
        Region[] regions = ByteRegions.of(original);
        List<String> wrong = Collections.synchronizedList(new ArrayList<>());

        IntStream.range(0, original.length).parallel().forEach(i -> {
            byte printable = (byte) PRINTABLE.charAt(i % PRINTABLE.length());
            if (printable == original[i]) {
                printable = (byte) PRINTABLE.charAt((i + 1) % PRINTABLE.length());
            }
            for (byte replacement : new byte[]{(byte) (original[i] ^ 0x01), printable}) {
                byte[] tampered = original.clone();
                tampered[i] = replacement;
                String problem = check(verifier, trust, tampered, i, regions[i]);
                if (problem != null) {
                    wrong.add(name + " byte " + i + " ('" + (char) (original[i] & 0xFF) + "' -> '"
                            + (char) (replacement & 0xFF) + "', " + regions[i] + "): " + problem);
                }
                CHANGES.increment();
            }
        });
        POSITIONS.add(original.length);

        assertThat(wrong).as("changes accepted or refused with a code foreign to their region").isEmpty();
    }

    /** Null when the change is refused with a fitting code, else what went wrong. */
    private static String check(EnvelopeVerifier verifier, TrustStore trust, byte[] tampered, int i, Region region) {
        ErrorCode code;
        try {
            verifier.verify(tampered);
            return "ACCEPTED";
        } catch (ContractException e) {
            code = e.code();
        }
        SEEN.computeIfAbsent(region, r -> new ConcurrentHashMap<>()).computeIfAbsent(code, c -> new LongAdder()).increment();
        if (!region.allowed().contains(code)) {
            return code + " is not one of " + region.allowed();
        }
        if (code == ErrorCode.SIGNATURE_INVALID && region == Region.KEY_ID) {
            String keyId = StrictJson.defaults().parse(tampered).at("/signature/keyId").textValue();
            return trust.key(keyId).isPresent() ? null : "SIGNATURE_INVALID for unknown key " + keyId;
        }
        if (code == ErrorCode.SIGNATURE_INVALID && region == Region.VERSION) {
            JsonNode version = StrictJson.defaults().parse(tampered).get("version");
            return ContractVersion.parse(version.textValue()).isSupported() ? null
                    : "SIGNATURE_INVALID for unsupported version " + version;
        }
        return null;
    }

    @Test
    void the_regions_of_a_signed_vector_are_where_they_should_be() {
        byte[] bytes = GoldenFolder.read("StatusQuery.ed25519.json");
        String text = new String(bytes, java.nio.charset.StandardCharsets.US_ASCII);
        Region[] r = ByteRegions.of(bytes);
        assertThat(r[0]).isEqualTo(Region.STRUCTURE);
        assertThat(r[text.indexOf("\"signature\"") + 1]).isEqualTo(Region.SIGNATURE_NAME);
        assertThat(r[text.indexOf("Ed25519")]).isEqualTo(Region.ALG);
        assertThat(r[text.indexOf("230100-test-ed25519")]).isEqualTo(Region.KEY_ID);
        assertThat(r[text.indexOf("\"keyId\"")]).isEqualTo(Region.SIGNATURE_FIELD_NAME);
        assertThat(r[text.indexOf("tongban/credit-repair")]).isEqualTo(Region.CONTRACT);
        assertThat(r[text.indexOf("\"1.0\"") + 1]).isEqualTo(Region.VERSION);
        assertThat(r[text.indexOf("includeEvents")]).isEqualTo(Region.CONTENT_NAME);
        assertThat(r[text.indexOf("true")]).isEqualTo(Region.CONTENT_VALUE);
        assertThat(r[text.indexOf("\"value\":\"") + 9]).isEqualTo(Region.SIGNATURE_VALUE);
        assertThat(r[bytes.length - 1]).isEqualTo(Region.STRUCTURE);
    }

    @AfterAll
    static void summarize() {
        if (POSITIONS.sum() == 0) {
            return;
        }
        StringBuilder sb = new StringBuilder("byte tampering: " + POSITIONS.sum() + " positions in "
                + signedVectors().size() + " signed vectors, " + CHANGES.sum() + " changes, all refused\n");
        Map<Region, Map<ErrorCode, LongAdder>> sorted = new EnumMap<>(Region.class);
        sorted.putAll(SEEN);
        sorted.forEach((region, codes) -> {
            sb.append(String.format("  %-21s", region));
            new EnumMap<>(codes).forEach((code, n) -> sb.append(' ').append(code).append('=').append(n.sum()));
            sb.append('\n');
        });
        System.out.print(sb);
        // each region must have produced its characteristic code at least once, or it was never exercised
        Map<Region, ErrorCode> characteristic = Map.ofEntries(
                Map.entry(Region.STRUCTURE, ErrorCode.JSON_MALFORMED),
                Map.entry(Region.CONTENT_NAME, ErrorCode.SIGNATURE_INVALID),
                Map.entry(Region.CONTENT_VALUE, ErrorCode.SIGNATURE_INVALID),
                Map.entry(Region.CONTRACT, ErrorCode.CONTRACT_UNKNOWN),
                Map.entry(Region.VERSION, ErrorCode.VERSION_UNSUPPORTED),
                Map.entry(Region.SIGNATURE_NAME, ErrorCode.SIGNATURE_MISSING),
                Map.entry(Region.SIGNATURE_FIELD_NAME, ErrorCode.FIELD_REQUIRED),
                Map.entry(Region.ALG, ErrorCode.ALGORITHM_UNSUPPORTED),
                Map.entry(Region.KEY_ID, ErrorCode.KEY_UNKNOWN),
                Map.entry(Region.SIGNATURE_VALUE, ErrorCode.SIGNATURE_INVALID),
                Map.entry(Region.NOTICE, ErrorCode.BATCH_ROOT_MISMATCH));
        if (POSITIONS.sum() >= 10_000) { // the whole run, not a single filtered vector
            characteristic.forEach((region, code) -> assertThat(SEEN.getOrDefault(region, Map.of()))
                    .as("region %s never produced %s", region, code).containsKey(code));
        }
    }
}
