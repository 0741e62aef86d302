package org.tongban.contracts.cli;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tongban.contracts.crypto.Digests;
import org.tongban.contracts.crypto.EnvelopeSigner;
import org.tongban.contracts.crypto.KeyFile;
import org.tongban.contracts.crypto.SignatureAlgorithm;
import org.tongban.contracts.id.MessageId;
import org.tongban.contracts.message.Attachment;
import org.tongban.contracts.message.Envelope;
import org.tongban.contracts.message.MaterialKind;
import org.tongban.contracts.message.MaterialsSupplement;
import org.tongban.contracts.message.StatusQuery;
import org.tongban.contracts.testing.SampleMessages;
import org.tongban.contracts.testing.TestDirectory;
import org.tongban.contracts.testing.TestKeys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Every subcommand of {@code tongban} run in-process, with every exit status it can give. */
class TongbanCliTest {
    private static final Path GOLDEN = Path.of("golden-vectors");
    private static final String DIRECTORY = GOLDEN.resolve("directory.json").toString();
    private static final String ANCHOR = GOLDEN.resolve("anchor.json").toString();
    private static final String AT = "2026-11-20T09:30:00+08:00";

    @TempDir
    Path tmp;

    private static String golden(String name) {
        return GOLDEN.resolve(name).toString();
    }

    private static byte[] read(String file) throws IOException {
        return Files.readAllBytes(Path.of(file));
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = tmp.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private Path writeKey(KeyFile key) throws IOException {
        return write(key.keyId() + ".json", PrettyJson.bytes(key.toJson()));
    }

    @Nested
    class Keygen {
        @ParameterizedTest
        @ValueSource(strings = {"Ed25519", "SM2-SM3"})
        void writes_a_private_key_file_and_its_public_key_file(String alg) throws IOException {
            Path priv = tmp.resolve("priv.json");
            Path pub = tmp.resolve("pub.json");

            CliRun run = CliRun.of("keygen", "--alg", alg, "--key-id", "330100-2027-1", "--member", "330100",
                    "--valid-from", "2027-01-01T00:00:00+08:00", "--valid-until", "2029-01-01T00:00:00+08:00",
                    "--out", priv.toString(), "--public-out", pub.toString());

            assertThat(run.exit()).isEqualTo(ExitCode.OK);
            assertThat(run.stdoutBytes()).isEmpty();
            KeyFile p = KeyFile.parse(Files.readAllBytes(priv));
            KeyFile q = KeyFile.parse(Files.readAllBytes(pub));
            assertThat(p.algorithm().wireName()).isEqualTo(alg);
            assertThat(p.keyId()).isEqualTo("330100-2027-1");
            assertThat(p.member().value()).isEqualTo("330100");
            assertThat(p.validFrom()).isEqualTo(OffsetDateTime.parse("2027-01-01T00:00:00+08:00"));
            assertThat(p.validUntil()).isEqualTo(OffsetDateTime.parse("2029-01-01T00:00:00+08:00"));
            assertThat(p.hasPrivateKey()).isTrue();
            assertThat(q.hasPrivateKey()).isFalse();
            assertThat(q).isEqualTo(p.publicOnly());
            byte[] data = "x".getBytes(StandardCharsets.UTF_8);
            assertThat(q.publicKey().verify(data, p.privateKey().sign(data))).isTrue();
            if (Files.getFileStore(priv).supportsFileAttributeView("posix")) {
                assertThat(Files.getPosixFilePermissions(priv))
                        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            }
        }

        @Test
        void prints_the_private_key_file_without_out_with_default_validity() {
            CliRun run = CliRun.of("keygen", "--alg", "Ed25519", "--key-id", "anchor-2026");

            assertThat(run.exit()).isEqualTo(ExitCode.OK);
            KeyFile k = KeyFile.parse(run.stdoutBytes());
            assertThat(k.hasPrivateKey()).isTrue();
            assertThat(k.member()).isNull();
            assertThat(k.validUntil()).isEqualTo(k.validFrom().plusYears(2));
            assertThat(k.validFrom().toInstant()).isCloseTo(java.time.Instant.now(), org.assertj.core.api.Assertions.within(1,
                    ChronoUnit.MINUTES));
        }

        @Test
        void prints_the_public_key_file_with_public_when_the_private_one_goes_to_a_file() throws IOException {
            Path priv = tmp.resolve("k.json");
            CliRun run = CliRun.of("keygen", "--alg", "SM2-SM3", "--key-id", "k1", "--out", priv.toString(), "--public");

            assertThat(run.exit()).isEqualTo(ExitCode.OK);
            assertThat(KeyFile.parse(run.stdoutBytes())).isEqualTo(KeyFile.parse(Files.readAllBytes(priv)).publicOnly());
            assertThat(run.stdout()).doesNotContain("privateKey");
        }

        @Test
        void never_overwrites_an_existing_file() throws IOException {
            Path existing = write("existing.json", "keep me".getBytes(StandardCharsets.UTF_8));

            CliRun run = CliRun.of("keygen", "--alg", "Ed25519", "--key-id", "k1", "--out", existing.toString());

            assertThat(run.exit()).isEqualTo(ExitCode.IO);
            assertThat(run.stderr()).contains("already exists");
            assertThat(Files.readString(existing)).isEqualTo("keep me");
        }

        @Test
        void refuses_bad_arguments_with_the_usage() {
            List<String[]> bad = List.of(
                    new String[]{"keygen", "--alg", "RSA", "--key-id", "k"},
                    new String[]{"keygen", "--alg", "Ed25519", "--key-id", "bad id"},
                    new String[]{"keygen", "--alg", "Ed25519", "--key-id", "k", "--member", "33010"},
                    new String[]{"keygen", "--alg", "Ed25519", "--key-id", "k", "--valid-from", "2027-01-01",},
                    new String[]{"keygen", "--alg", "Ed25519", "--key-id", "k", "--valid-from", "2027-01-01T00:00:00Z",
                            "--valid-until", "2026-01-01T00:00:00Z"},
                    new String[]{"keygen", "--alg", "Ed25519", "--key-id", "k", "--public"},
                    new String[]{"keygen", "--key-id", "k"},
                    new String[]{"keygen", "--alg", "Ed25519", "--key-id", "k", "--colour", "red"},
                    new String[]{"keygen", "--alg", "Ed25519", "--alg", "Ed25519", "--key-id", "k"},
                    new String[]{"keygen", "--alg"});
            for (String[] args : bad) {
                CliRun run = CliRun.of(args);
                assertThat(run.exit()).as(String.join(" ", args)).isEqualTo(ExitCode.USAGE);
                assertThat(run.stderr()).startsWith("tongban keygen: ").contains("usage: tongban keygen");
                assertThat(run.stdoutBytes()).isEmpty();
            }
        }
    }

    @Nested
    class Canonicalize {
        @Test
        void prints_exactly_the_canonical_bytes_with_no_newline() throws IOException {
            CliRun run = CliRun.of("canonicalize", golden("RepairApplication.unsigned.json"));

            assertThat(run.exit()).isEqualTo(ExitCode.OK);
            assertThat(run.stdoutBytes()).isEqualTo(read(golden("RepairApplication.canonical")));
        }

        @Test
        void prints_the_bytes_a_signature_covers_with_signed_a_batch_without_its_notices() throws IOException {
            CliRun batch = CliRun.of("canonicalize", "--signed", golden("PenaltyNoticeBatch.ed25519.json"));
            CliRun application = CliRun.of("canonicalize", "--signed", golden("RepairApplication.unsigned.json"));

            assertThat(batch.exit()).isEqualTo(ExitCode.OK);
            assertThat(batch.stdoutBytes()).isEqualTo(read(golden("PenaltyNoticeBatch.canonical")));
            assertThat(batch.stdout()).contains("\"treeRoot\"").doesNotContain("\"notices\"").doesNotContain("\"signature\"");
            assertThat(application.stdoutBytes()).isEqualTo(read(golden("RepairApplication.canonical")));
        }

        @Test
        void reads_standard_input_for_a_dash() {
            byte[] in = "{ \"b\": [1.0, 1e2, \"\\u00e9\"], \"a\": null }".getBytes(StandardCharsets.UTF_8);

            CliRun run = CliRun.withInput(in, "canonicalize", "-");

            assertThat(run.exit()).isEqualTo(ExitCode.OK);
            assertThat(run.stdout()).isEqualTo("{\"a\":null,\"b\":[1,100,\"é\"]}");
        }

        @Test
        void refuses_malformed_json_and_duplicate_names_with_their_codes() {
            CliRun malformed = CliRun.withInput("{\"a\":".getBytes(StandardCharsets.UTF_8), "canonicalize", "-");
            assertThat(malformed.exit()).isEqualTo(ExitCode.REJECTED);
            assertThat(malformed.code()).isEqualTo("JSON_MALFORMED");
            assertThat(malformed.stderr()).contains("in standard input");

            CliRun duplicate = CliRun.withInput("{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8), "canonicalize", "-");
            assertThat(duplicate.exit()).isEqualTo(ExitCode.REJECTED);
            assertThat(duplicate.stderr()).startsWith("JSON_DUPLICATE_KEY: ").contains("(at /a in standard input)");
        }

        @Test
        void a_missing_file_is_an_io_error() {
            CliRun run = CliRun.of("canonicalize", tmp.resolve("nope.json").toString());
            assertThat(run.exit()).isEqualTo(ExitCode.IO);
            assertThat(run.stderr()).contains("nope.json").contains("no such file");
        }

        @Test
        void needs_exactly_one_input() {
            assertThat(CliRun.of("canonicalize").exit()).isEqualTo(ExitCode.USAGE);
            assertThat(CliRun.of("canonicalize", "a", "b").exit()).isEqualTo(ExitCode.USAGE);
        }
    }

    @Nested
    class Sign {
        private final KeyFile harbinEd = TestKeys.member("230100", SignatureAlgorithm.ED25519);

        @Test
        void signs_the_unsigned_example_into_the_golden_ed25519_bytes() throws IOException {
            CliRun run = CliRun.of("sign", "--key", writeKey(harbinEd).toString(), golden("RepairApplication.unsigned.json"));

            assertThat(run.exit()).isEqualTo(ExitCode.OK);
            assertThat(run.stdoutBytes()).isEqualTo(read(golden("RepairApplication.ed25519.json")));
        }

        @Test
        void replaces_the_signature_of_a_signed_envelope() throws IOException {
            CliRun run = CliRun.withInput(read(golden("StatusQuery.sm2.json")), "sign", "--key",
                    writeKey(harbinEd).toString(), "-");

            assertThat(run.exit()).isEqualTo(ExitCode.OK);
            assertThat(run.stdoutBytes()).isEqualTo(read(golden("StatusQuery.ed25519.json")));
        }

        @Test
        void refuses_a_public_key_file() throws IOException {
            CliRun run = CliRun.of("sign", "--key", golden("keys/public/230100-test-ed25519.json"),
                    golden("StatusQuery.unsigned.json"));

            assertThat(run.exit()).isEqualTo(ExitCode.REJECTED);
            assertThat(run.code()).isEqualTo("KEY_INVALID");
        }

        @Test
        void refuses_to_sign_for_another_member() throws IOException {
            CliRun run = CliRun.of("sign", "--key", writeKey(TestKeys.member("330100", SignatureAlgorithm.ED25519)).toString(),
                    golden("StatusQuery.unsigned.json"));

            assertThat(run.exit()).isEqualTo(ExitCode.REJECTED);
            assertThat(run.code()).isEqualTo("KEY_NOT_OWNED_BY_SENDER");
        }

        @Test
        void refuses_a_key_not_valid_at_sent_at() throws IOException {
            KeyFile later = TestKeys.key("230100-2027", TestDirectory.HARBIN, SignatureAlgorithm.ED25519,
                    OffsetDateTime.parse("2027-01-01T00:00:00+08:00"), OffsetDateTime.parse("2028-01-01T00:00:00+08:00"));
            CliRun run = CliRun.of("sign", "--key", writeKey(later).toString(), golden("StatusQuery.unsigned.json"));

            assertThat(run.exit()).isEqualTo(ExitCode.REJECTED);
            assertThat(run.code()).isEqualTo("KEY_NOT_VALID_AT_SENT_AT");
        }

        @Test
        void refuses_an_envelope_that_breaks_the_contract() throws IOException {
            String text = Files.readString(Path.of(golden("StatusQuery.unsigned.json")))
                    .replace("\"includeEvents\"", "\"includeEverything\"");
            CliRun run = CliRun.of("sign", "--key", writeKey(harbinEd).toString(), write("bad.json",
                    text.getBytes(StandardCharsets.UTF_8)).toString());

            assertThat(run.exit()).isEqualTo(ExitCode.REJECTED);
            assertThat(run.stderr()).startsWith("FIELD_UNKNOWN: ").contains("/payload/includeEverything");
        }

        @Test
        void needs_a_key() {
            CliRun run = CliRun.of("sign", golden("StatusQuery.unsigned.json"));
            assertThat(run.exit()).isEqualTo(ExitCode.USAGE);
            assertThat(run.stderr()).contains("--key is required");
        }

        @Test
        void a_missing_key_file_is_an_io_error() {
            assertThat(CliRun.of("sign", "--key", tmp.resolve("none.json").toString(), golden("StatusQuery.unsigned.json"))
                    .exit()).isEqualTo(ExitCode.IO);
        }
    }

    @Nested
    class Verify {
        private CliRun verify(String file, String... extra) {
            List<String> args = new java.util.ArrayList<>(List.of("verify", "--directory", DIRECTORY, "--anchor", ANCHOR));
            args.addAll(List.of(extra));
            args.add(file);
            return CliRun.of(args.toArray(String[]::new));
        }

        @ParameterizedTest
        @ValueSource(strings = {"RepairApplication.ed25519.json", "RepairApplication.sm2.json", "Withdrawal.sm2.json"})
        void a_golden_vector_is_valid_at_its_sent_at(String name) {
            CliRun run = verify(golden(name), "--at", AT);

            assertThat(run.exit()).isEqualTo(ExitCode.OK);
            assertThat(run.stderr()).isEmpty();
            assertThat(run.stdout()).startsWith("OK " + name.substring(0, name.indexOf('.')) + " ")
                    .contains("from 230100 to 330100").endsWith("\n");
            assertThat(run.stdout().strip()).doesNotContain("\n");
        }

        @Test
        void a_tampered_vector_is_signature_invalid_with_its_pointer() throws IOException {
            String text = Files.readString(Path.of(golden("RepairApplication.ed25519.json")));
            Path tampered = write("tampered.json", text.replace("\"size\":284113", "\"size\":284114")
                    .getBytes(StandardCharsets.UTF_8));

            CliRun run = verify(tampered.toString(), "--at", AT);

            assertThat(run.exit()).isEqualTo(ExitCode.REJECTED);
            assertThat(run.stderr()).startsWith("SIGNATURE_INVALID: ").contains("(at /signature/value in " + tampered + ")");
        }

        @Test
        void without_at_it_verifies_now_with_the_replay_window() throws IOException {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(8)).truncatedTo(ChronoUnit.SECONDS);
            Envelope fresh = Envelope.unsigned(MessageId.parse("019aa1b2-c3d4-7e65-8a6b-7c8d9e0f1a31"), SampleMessages.CASE_ID,
                    SampleMessages.LEG_ID, TestDirectory.HARBIN, TestDirectory.HANGZHOU, now, now.plusDays(1), null,
                    new StatusQuery(true));
            Path file = write("fresh.json", new EnvelopeSigner(TestKeys.member("230100", SignatureAlgorithm.SM2_SM3).signer())
                    .sign(fresh).canonicalBytes());

            assertThat(verify(file.toString()).exit()).isEqualTo(ExitCode.OK);
            assertThat(verify(golden("StatusQuery.ed25519.json"), "--at", "2026-11-28T09:30:01+08:00").exit())
                    .as("--at has no replay window").isEqualTo(ExitCode.OK);
        }

        @Test
        void a_message_past_expiry_is_message_expired_even_with_at() {
            CliRun run = verify(golden("StatusQuery.ed25519.json"), "--at", "2026-12-20T09:30:00+08:00");
            assertThat(run.exit()).isEqualTo(ExitCode.REJECTED);
            assertThat(run.code()).isEqualTo("MESSAGE_EXPIRED");
        }

        @Test
        void an_expired_directory_is_directory_expired() {
            CliRun run = verify(golden("StatusQuery.ed25519.json"), "--at", "2031-01-01T00:00:00+08:00");
            assertThat(run.exit()).isEqualTo(ExitCode.REJECTED);
            assertThat(run.stderr()).startsWith("DIRECTORY_EXPIRED: ").contains("in " + DIRECTORY);
        }

        @Test
        void a_directory_checked_against_another_anchor_is_key_unknown() {
            CliRun run = CliRun.of("verify", "--directory", DIRECTORY, "--anchor",
                    golden("keys/public/230100-test-ed25519.json"), "--at", AT, golden("StatusQuery.ed25519.json"));
            assertThat(run.exit()).isEqualTo(ExitCode.REJECTED);
            assertThat(run.code()).isEqualTo("KEY_UNKNOWN");
        }

        @Test
        void checks_attachments_by_file_name_or_id() throws IOException {
            byte[] pdf = "%PDF-1.7 银行回单".getBytes(StandardCharsets.UTF_8);
            Attachment a = new Attachment("s1", "银行回单.pdf", "application/pdf", pdf.length, Digests.sha256Hex(pdf),
                    MaterialKind.PROOF_OF_FULFILMENT);
            Envelope env = SampleMessages.envelope(new MaterialsSupplement(List.of(a), "已补充"));
            Path file = write("supplement.json", new EnvelopeSigner(TestKeys.member("230100", SignatureAlgorithm.ED25519)
                    .signer()).sign(env).canonicalBytes());
            Path byName = Files.createDirectory(tmp.resolve("by-name"));
            Files.write(byName.resolve("银行回单.pdf"), pdf);
            Path byId = Files.createDirectory(tmp.resolve("by-id"));
            Files.write(byId.resolve("s1"), pdf);
            Path wrong = Files.createDirectory(tmp.resolve("wrong"));
            Files.write(wrong.resolve("s1"), "%PDF-1.7 something else".getBytes(StandardCharsets.UTF_8));
            Path empty = Files.createDirectory(tmp.resolve("empty"));

            CliRun ok = verify(file.toString(), "--at", AT, "--attachments", byName.toString());
            assertThat(ok.exit()).isEqualTo(ExitCode.OK);
            assertThat(ok.stdout()).contains("1 attachment match");
            assertThat(verify(file.toString(), "--at", AT, "--attachments", byId.toString()).exit()).isEqualTo(ExitCode.OK);

            CliRun mismatch = verify(file.toString(), "--at", AT, "--attachments", wrong.toString());
            assertThat(mismatch.exit()).isEqualTo(ExitCode.REJECTED);
            assertThat(mismatch.code()).isEqualTo("ATTACHMENT_HASH_MISMATCH");

            CliRun missing = verify(file.toString(), "--at", AT, "--attachments", empty.toString());
            assertThat(missing.exit()).isEqualTo(ExitCode.IO);
            assertThat(missing.stderr()).contains("attachment s1");
        }

        @Test
        void refuses_a_bad_command_line() {
            assertThat(CliRun.of("verify", "--anchor", ANCHOR, golden("StatusQuery.ed25519.json")).exit())
                    .isEqualTo(ExitCode.USAGE);
            CliRun badAt = verify(golden("StatusQuery.ed25519.json"), "--at", "yesterday");
            assertThat(badAt.exit()).isEqualTo(ExitCode.USAGE);
            assertThat(badAt.stderr()).startsWith("tongban verify: --at 'yesterday' is not an RFC 3339 timestamp");
        }

        @Test
        void an_unreadable_envelope_is_an_io_error() {
            CliRun run = verify(tmp.resolve("missing.json").toString(), "--at", AT);
            assertThat(run.exit()).isEqualTo(ExitCode.IO);
            CliRun dir = verify(tmp.toString(), "--at", AT);
            assertThat(dir.exit()).isEqualTo(ExitCode.IO);
            assertThat(dir.stderr()).contains("is a directory");
        }
    }

    @Nested
    class Directory {
        private final String anchorPrivate = golden("keys/private-TEST-ONLY/anchor-test.json");

        @Test
        void signs_the_unsigned_test_directory_into_the_golden_bytes() throws IOException {
            Path unsigned = write("dir.json", PrettyJson.bytes(TestDirectory.unsigned().toJson()));

            CliRun run = CliRun.of("directory", "sign", "--key", anchorPrivate, unsigned.toString());

            assertThat(run.exit()).isEqualTo(ExitCode.OK);
            assertThat(run.stdoutBytes()).isEqualTo(read(DIRECTORY));
        }

        @Test
        void refuses_to_sign_an_inconsistent_directory() throws IOException {
            String text = new String(PrettyJson.bytes(TestDirectory.unsigned().toJson()), StandardCharsets.UTF_8)
                    .replaceFirst("\"node\": \"north\"", "\"node\": \"west\"");
            CliRun run = CliRun.of("directory", "sign", "--key", anchorPrivate,
                    write("dir.json", text.getBytes(StandardCharsets.UTF_8)).toString());

            assertThat(run.exit()).isEqualTo(ExitCode.REJECTED);
            assertThat(run.code()).isEqualTo("DIRECTORY_INVALID");
        }

        @Test
        void refuses_to_sign_with_a_public_key_file() {
            CliRun run = CliRun.of("directory", "sign", "--key", ANCHOR, DIRECTORY);
            assertThat(run.exit()).isEqualTo(ExitCode.REJECTED);
            assertThat(run.code()).isEqualTo("KEY_INVALID");
        }

        @Test
        void verifies_the_golden_directory() {
            CliRun run = CliRun.of("directory", "verify", "--anchor", ANCHOR, "--at", AT, DIRECTORY);

            assertThat(run.exit()).isEqualTo(ExitCode.OK);
            assertThat(run.stdout()).startsWith("OK directory tongban-test serial 1: 11 members on 3 nodes");
            assertThat(CliRun.of("directory", "verify", "--anchor", ANCHOR, DIRECTORY).exit())
                    .as("valid now too, until 2031").isEqualTo(ExitCode.OK);
        }

        @Test
        void refuses_a_tampered_or_expired_directory() throws IOException {
            String text = Files.readString(Path.of(DIRECTORY)).replace("same-day", "same-dax");
            CliRun tampered = CliRun.of("directory", "verify", "--anchor", ANCHOR, "--at", AT,
                    write("d.json", text.getBytes(StandardCharsets.UTF_8)).toString());
            assertThat(tampered.exit()).isEqualTo(ExitCode.REJECTED);
            assertThat(tampered.code()).isEqualTo("SIGNATURE_INVALID");

            CliRun expired = CliRun.of("directory", "verify", "--anchor", ANCHOR, "--at", "2031-01-01T00:00:00+08:00",
                    DIRECTORY);
            assertThat(expired.code()).isEqualTo("DIRECTORY_EXPIRED");
        }

        @Test
        void names_its_subcommands() {
            CliRun bare = CliRun.of("directory");
            assertThat(bare.exit()).isEqualTo(ExitCode.USAGE);
            assertThat(bare.stderr()).contains("directory sign").contains("directory verify");
            assertThat(CliRun.of("directory", "rotate").exit()).isEqualTo(ExitCode.USAGE);
            CliRun help = CliRun.of("directory", "--help");
            assertThat(help.exit()).isEqualTo(ExitCode.OK);
            assertThat(help.stdout()).contains("directory sign").contains("directory verify");
        }
    }

    @Nested
    class Usage {
        @Test
        void without_arguments_it_prints_the_overview_on_stderr() {
            CliRun run = CliRun.of();
            assertThat(run.exit()).isEqualTo(ExitCode.USAGE);
            assertThat(run.stderr()).startsWith("usage: tongban COMMAND");
        }

        @Test
        void help_lists_every_command_and_the_exit_statuses() {
            CliRun run = CliRun.of("--help");
            assertThat(run.exit()).isEqualTo(ExitCode.OK);
            assertThat(run.stdout()).contains("keygen", "canonicalize", "sign", "verify", "directory sign",
                    "directory verify", "0 ok, 1 verification");
        }

        @ParameterizedTest
        @ValueSource(strings = {"keygen", "canonicalize", "sign", "verify", "directory sign", "directory verify"})
        void every_subcommand_has_help(String command) {
            List<String> args = new java.util.ArrayList<>(List.of(command.split(" ")));
            args.add("--help");
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertThat(run.exit()).isEqualTo(ExitCode.OK);
            assertThat(run.stdout()).startsWith("usage: tongban " + command + " ");
            assertThat(run.stderr()).isEmpty();
        }

        @Test
        void an_unknown_command_or_option_is_a_usage_error() {
            assertThat(CliRun.of("frobnicate").exit()).isEqualTo(ExitCode.USAGE);
            CliRun opt = CliRun.of("canonicalize", "-x", "f.json");
            assertThat(opt.exit()).isEqualTo(ExitCode.USAGE);
            assertThat(opt.stderr()).startsWith("tongban canonicalize: unknown option -x");
        }

        @Test
        void an_operand_after_double_dash_may_start_with_dashes() throws IOException {
            Path odd = write("--odd.json", "[]".getBytes(StandardCharsets.UTF_8));
            CliRun run = CliRun.of("canonicalize", "--", odd.toString());
            assertThat(run.exit()).isEqualTo(ExitCode.OK);
            assertThat(run.stdout()).isEqualTo("[]");
            assertThat(Set.of(odd.getFileName().toString())).contains("--odd.json");
        }
    }
}
