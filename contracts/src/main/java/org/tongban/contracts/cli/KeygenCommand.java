package org.tongban.contracts.cli;

import org.tongban.contracts.crypto.KeyFile;
import org.tongban.contracts.crypto.SignatureAlgorithm;
import org.tongban.contracts.crypto.SignatureBlock;
import org.tongban.contracts.crypto.SigningKey;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.id.MemberId;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Set;

/** {@code keygen}: a fresh signing key as a private key file, and optionally its public key file. */
final class KeygenCommand implements Command {
    @Override
    public String name() {
        return "keygen";
    }

    @Override
    public String summary() {
        return "generate a signing key (private key file, and the public one for the directory)";
    }

    @Override
    public String usage() {
        return """
                usage: tongban keygen --alg Ed25519|SM2-SM3 --key-id ID [--member DIVISION_CODE]
                                      [--valid-from T] [--valid-until T] [--out FILE] [--public-out FILE] [--public]

                Generates a key from a strong random source and writes the private key file (JSON) to
                --out FILE, or to standard output. A file is never overwritten; a private key file is
                made readable by its owner only.

                  --alg          Ed25519 (default choice) or SM2-SM3 (national-crypto deployments)
                  --key-id       the key's id in the directory: letters, digits and . _ : - (e.g. 330100-2026-1)
                  --member       the owning member's division code (e.g. 330100); leave out for a trust anchor
                  --valid-from   RFC 3339 timestamp (default: now)
                  --valid-until  RFC 3339 timestamp (default: two years after --valid-from)
                  --public-out   also write the public-only key file to FILE
                  --public       also print the public-only key file to standard output (needs --out)
                """;
    }

    @Override
    public Set<String> valueOptions() {
        return Set.of("--alg", "--key-id", "--member", "--valid-from", "--valid-until", "--out", "--public-out");
    }

    @Override
    public Set<String> flagOptions() {
        return Set.of("--public");
    }

    @Override
    public int run(Arguments args, Console console) {
        String algName = args.required("--alg");
        SignatureAlgorithm alg = SignatureAlgorithm.fromWireName(algName);
        if (alg == null) {
            throw CliFailure.usage("--alg '" + algName + "' is not Ed25519 or SM2-SM3");
        }
        String keyId = args.required("--key-id");
        if (!SignatureBlock.KEY_ID.matcher(keyId).matches()) {
            throw CliFailure.usage("--key-id '" + keyId + "' is not a key id of letters, digits and . _ : - (at most 64)");
        }
        MemberId member = member(args.option("--member"));
        OffsetDateTime from = args.option("--valid-from") == null
                ? OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)
                : CliInputs.timestamp("--valid-from", args.option("--valid-from"));
        OffsetDateTime until = args.option("--valid-until") == null ? from.plusYears(2)
                : CliInputs.timestamp("--valid-until", args.option("--valid-until"));
        if (!until.isAfter(from)) {
            throw CliFailure.usage("--valid-until must be after --valid-from");
        }
        String out = args.option("--out");
        String publicOut = args.option("--public-out");
        if (args.flag("--public") && out == null) {
            throw CliFailure.usage("--public prints the public key file; give --out FILE for the private one");
        }

        SigningKey key = SigningKey.generate(alg, new SecureRandom());
        KeyFile file = new KeyFile(alg, keyId, member, key.publicKey(), key, from, until);
        byte[] privateJson = PrettyJson.bytes(file.toJson());
        byte[] publicJson = PrettyJson.bytes(file.publicOnly().toJson());
        if (out == null) {
            console.print(privateJson);
        } else {
            console.writeNew(Path.of(out), privateJson, true);
        }
        if (publicOut != null) {
            console.writeNew(Path.of(publicOut), publicJson, false);
        }
        if (args.flag("--public")) {
            console.print(publicJson);
        }
        return ExitCode.OK;
    }

    private static MemberId member(String text) {
        if (text == null) {
            return null;
        }
        try {
            return MemberId.of(text);
        } catch (ContractException e) {
            throw CliFailure.usage("--member '" + text + "' is not a six-digit division code such as 330100");
        }
    }
}
