package org.tongban.gateway.office.auth;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.tongban.contracts.crypto.Base64Url;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.id.MemberId;
import org.tongban.gateway.cases.Clerk;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JwtVerifierTest {
    private static final String SECRET = "a-test-secret-that-is-long-enough-0123456789";
    private static final String ISSUER = "tongban-test";
    private static final Instant NOW = Instant.parse("2026-11-21T01:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final MemberId HARBIN = MemberId.of("230100");

    private final JwtIssuer issuer = new JwtIssuer(SECRET, ISSUER, CLOCK);
    private final JwtVerifier verifier = new JwtVerifier(SECRET, ISSUER, CLOCK);

    private static ObjectNode header() {
        return JsonNodeFactory.instance.objectNode().put("alg", "HS256").put("typ", "JWT");
    }

    private static ObjectNode claims() {
        return JsonNodeFactory.instance.objectNode().put("iss", ISSUER).put("sub", "li.na").put("member", "230100")
                .put("role", "clerk").put("iat", NOW.getEpochSecond()).put("exp", NOW.getEpochSecond() + 3600);
    }

    private String signed(ObjectNode header, ObjectNode claims) {
        return issuer.sign(header, claims);
    }

    private String refusal(String token) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> verifier.verify(token));
        assertThat(t).isInstanceOf(ContractException.class);
        ContractException e = (ContractException) t;
        assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
        assertThat(e.getMessage()).doesNotContain(SECRET);
        return e.violations().get(0).detail();
    }

    @Nested
    class Accepts {
        @Test
        void a_token_it_issued_naming_subject_member_and_role() {
            Clerk clerk = verifier.verify(issuer.issue(new Clerk("li.na", HARBIN, Clerk.Role.supervisor), Duration.ofHours(8)));

            assertThat(clerk).isEqualTo(new Clerk("li.na", HARBIN, Clerk.Role.supervisor));
        }

        @Test
        void an_ops_token_without_a_member() {
            Clerk ops = verifier.verify(issuer.issue(new Clerk("operator", null, Clerk.Role.ops), Duration.ofHours(1)));

            assertThat(ops.role()).isEqualTo(Clerk.Role.ops);
            assertThat(ops.member()).isNull();
        }

        @Test
        void the_bearer_scheme_in_any_case() {
            String token = signed(header(), claims());

            assertThat(verifier.authenticate("Bearer " + token).subject()).isEqualTo("li.na");
            assertThat(verifier.authenticate("bearer " + token).subject()).isEqualTo("li.na");
        }

        @Test
        void a_token_expired_within_the_leeway() {
            ObjectNode c = claims().put("exp", NOW.getEpochSecond() - 30);

            assertThat(verifier.verify(signed(header(), c)).subject()).isEqualTo("li.na");
        }

        @Test
        void a_token_not_yet_valid_within_the_leeway() {
            ObjectNode c = claims().put("nbf", NOW.getEpochSecond() + 30).put("iat", NOW.getEpochSecond() + 30);

            assertThat(verifier.verify(signed(header(), c)).subject()).isEqualTo("li.na");
        }

        @Test
        void a_header_without_typ_and_with_a_key_id() {
            ObjectNode h = JsonNodeFactory.instance.objectNode().put("alg", "HS256").put("kid", "office-2026");

            assertThat(verifier.verify(signed(h, claims())).member()).isEqualTo(HARBIN);
        }
    }

    @Nested
    class Refuses {
        @Test
        void a_token_signed_with_another_secret() {
            String other = new JwtIssuer("another-secret-which-is-also-long-enough!", ISSUER, CLOCK).sign(header(), claims());

            assertThat(refusal(other)).contains("signature does not verify");
        }

        @Test
        void claims_changed_after_signing() {
            String token = signed(header(), claims());
            String[] parts = token.split("\\.");
            String promoted = Base64Url.encode(claims().put("role", "ops").toString().getBytes(StandardCharsets.UTF_8));

            assertThat(refusal(parts[0] + "." + promoted + "." + parts[2])).contains("signature does not verify");
        }

        @Test
        void an_unsigned_token_with_alg_none() {
            String h = Base64Url.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
            String c = Base64Url.encode(claims().toString().getBytes(StandardCharsets.UTF_8));

            assertThat(refusal(h + "." + c + ".")).contains("alg none");
            assertThat(refusal(h + "." + c)).contains("three dot-separated parts");
        }

        @Test
        void alg_none_in_another_case_even_with_a_valid_signature() {
            ObjectNode h = JsonNodeFactory.instance.objectNode().put("alg", "None");

            assertThat(refusal(signed(h, claims()))).contains("alg none");
        }

        @Test
        void any_algorithm_but_hs256() {
            for (String alg : new String[] {"HS512", "RS256", "ES256", "EdDSA", "hs256"}) {
                ObjectNode h = JsonNodeFactory.instance.objectNode().put("alg", alg);

                assertThat(refusal(signed(h, claims()))).as(alg).contains("is not accepted");
            }
        }

        @Test
        void header_parameters_that_would_point_at_other_keys() {
            assertThat(refusal(signed(header().put("jku", "https://evil.example/keys"), claims()))).contains("'jku'");
            assertThat(refusal(signed(header().put("crit", "exp"), claims()))).contains("'crit'");
        }

        @Test
        void an_expired_token() {
            assertThat(refusal(signed(header(), claims().put("exp", NOW.getEpochSecond() - 61)))).contains("expired");
        }

        @Test
        void a_token_without_exp() {
            ObjectNode c = claims();
            c.remove("exp");

            assertThat(refusal(signed(header(), c))).contains("'exp'");
        }

        @Test
        void a_token_not_valid_yet_or_issued_in_the_future() {
            assertThat(refusal(signed(header(), claims().put("nbf", NOW.getEpochSecond() + 61)))).contains("not valid before");
            assertThat(refusal(signed(header(), claims().put("iat", NOW.getEpochSecond() + 61)))).contains("future");
        }

        @Test
        void dates_that_are_not_numbers() {
            assertThat(refusal(signed(header(), claims().put("exp", "2026-12-01T00:00:00Z")))).contains("'exp'");
        }

        @Test
        void a_token_of_another_issuer() {
            assertThat(refusal(signed(header(), claims().put("iss", "someone-else")))).contains("someone-else");
            ObjectNode c = claims();
            c.remove("iss");
            assertThat(refusal(signed(header(), c))).contains("issuer");
        }

        @Test
        void a_clerk_or_supervisor_token_without_a_member() {
            ObjectNode c = claims();
            c.remove("member");

            assertThat(refusal(signed(header(), c))).contains("must name its member");
            assertThat(refusal(signed(header(), c.put("role", "supervisor")))).contains("must name its member");
        }

        @Test
        void a_member_that_is_not_a_division_code() {
            assertThat(refusal(signed(header(), claims().put("member", "Harbin")))).contains("six-digit");
            assertThat(refusal(signed(header(), claims().put("member", 230100)))).contains("six-digit");
        }

        @Test
        void an_unknown_or_missing_role() {
            assertThat(refusal(signed(header(), claims().put("role", "admin")))).contains("'admin'");
            ObjectNode c = claims();
            c.remove("role");
            assertThat(refusal(signed(header(), c))).contains("no role");
        }

        @Test
        void a_missing_or_unusable_subject() {
            ObjectNode c = claims();
            c.remove("sub");
            assertThat(refusal(signed(header(), c))).contains("subject");
            assertThat(refusal(signed(header(), claims().put("sub", "a b")))).contains("subject");
            assertThat(refusal(signed(header(), claims().put("sub", "x".repeat(65))))).contains("subject");
        }

        @Test
        void tokens_that_are_not_compact_jws() {
            assertThat(refusal("")).contains("no token");
            assertThat(refusal("not-a-token")).contains("three");
            assertThat(refusal("a.b.c.d.e")).contains("JWE");
            assertThat(refusal("!!!.e30.AAAA")).contains("base64url");
            String notJson = Base64Url.encode("alg=HS256".getBytes(StandardCharsets.UTF_8));
            assertThat(refusal(notJson + ".e30.AAAA")).contains("not valid JSON");
            assertThat(refusal("x".repeat(JwtVerifier.MAX_TOKEN_CHARS + 1))).contains("longer");
        }

        @Test
        void duplicate_claims_which_parsers_would_read_differently() {
            String h = Base64Url.encode(header().toString().getBytes(StandardCharsets.UTF_8));
            String body = claims().toString().replace("\"role\":\"clerk\"", "\"role\":\"clerk\",\"role\":\"ops\"");
            String c = Base64Url.encode(body.getBytes(StandardCharsets.UTF_8));
            String sig = Base64Url.encode(new Hs256(SECRET.getBytes(StandardCharsets.UTF_8)).sign(h + "." + c));

            assertThat(refusal(h + "." + c + "." + sig)).contains("not valid JSON");
        }

        @Test
        void a_missing_or_foreign_authorization_header() {
            assertThatThrownBy(() -> verifier.authenticate(null)).isInstanceOf(ContractException.class)
                    .hasMessageContaining("Authorization: Bearer");
            assertThatThrownBy(() -> verifier.authenticate("Basic dXNlcjpwYXNz")).isInstanceOf(ContractException.class)
                    .hasMessageContaining("Bearer scheme");
        }
    }

    @Nested
    class Secrets {
        @Test
        void must_have_at_least_32_bytes() {
            assertThatThrownBy(() -> new JwtVerifier("short-secret", ISSUER, CLOCK))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes")
                    .hasMessageNotContaining("short-secret");
            assertThatThrownBy(() -> new JwtIssuer("x".repeat(31), ISSUER, CLOCK))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void the_issuer_refuses_tokens_the_verifier_would_refuse() {
            assertThatThrownBy(() -> issuer.issue(new Clerk("li.na", null, Clerk.Role.clerk), Duration.ofHours(1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("member");
            assertThatThrownBy(() -> issuer.issue(new Clerk("li.na", HARBIN, Clerk.Role.clerk), Duration.ofDays(30)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
