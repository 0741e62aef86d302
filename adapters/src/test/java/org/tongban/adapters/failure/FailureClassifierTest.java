package org.tongban.adapters.failure;

import io.vertx.core.http.HttpClosedException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;

import javax.net.ssl.SSLHandshakeException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

class FailureClassifierTest {

    @Nested
    class PeerAnswers {
        @Test
        void misdirected_member_not_hosted_is_retried_because_the_directory_may_be_changing() {
            Failure f = FailureClassifier.classify(new PlatformException(421, "MEMBER_NOT_HOSTED",
                    "member 330100 is not hosted on this node", Duration.ofSeconds(30)));

            assertThat(f.retryable()).isTrue();
            assertThat(f.key()).isEqualTo("misdirected");
            assertThat(f.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        }

        @ParameterizedTest
        @ValueSource(ints = {400, 401, 403, 409, 422})
        void refusals_of_the_message_itself_are_permanent(int status) {
            Failure f = FailureClassifier.classify(new PlatformException(status, "SOME_CODE", "refused"));

            assertThat(f.retryable()).isFalse();
            assertThat(f.key()).isEqualTo("http_4xx");
        }

        @Test
        void service_unavailable_with_retry_after_is_throttling_and_keeps_the_wait() {
            Failure f = FailureClassifier.classify(new PlatformException(503, "SERVICE_UNAVAILABLE", "busy",
                    Duration.ofSeconds(7)));

            assertThat(f).isEqualTo(new Failure("throttled", true, Duration.ofSeconds(7), f.detail()));
        }

        @ParameterizedTest
        @ValueSource(ints = {500, 502, 504, 408, 425})
        void server_errors_and_timeouts_are_retried(int status) {
            assertThat(FailureClassifier.classify(new PlatformException(status, null, "x")).retryable()).isTrue();
        }
    }

    @Nested
    class TransportFailures {
        @Test
        void refused_connection_is_retried() {
            Failure f = FailureClassifier.classify(new ConnectException("Connection refused"));
            assertThat(f.key()).isEqualTo("connection");
            assertThat(f.retryable()).isTrue();
        }

        @Test
        void closed_connection_is_retried() {
            assertThat(FailureClassifier.classify(new HttpClosedException("closed")).key()).isEqualTo("connection");
        }

        @Test
        void handshake_failure_is_a_retryable_tls_failure() {
            Failure f = FailureClassifier.classify(new SSLHandshakeException("certificate not pinned"));
            assertThat(f.key()).isEqualTo("tls");
            assertThat(f.retryable()).isTrue();
        }

        @Test
        void handshake_refused_by_the_peer_and_wrapped_by_netty_is_a_tls_failure() {
            Failure f = FailureClassifier.classify(new io.netty.handler.codec.DecoderException(
                    new SSLHandshakeException("Received fatal alert: bad_certificate")));
            assertThat(f.key()).isEqualTo("tls");
            assertThat(f.retryable()).isTrue();
        }

        @Test
        void a_wrapper_of_nothing_known_stays_unexpected_and_permanent() {
            Failure f = FailureClassifier.classify(new IllegalStateException(new IllegalArgumentException("bug")));
            assertThat(f.key()).isEqualTo("unexpected");
            assertThat(f.retryable()).isFalse();
        }

        @Test
        void timeout_wrapped_in_a_completion_exception_is_a_timeout() {
            Failure f = FailureClassifier.classify(new CompletionException(new TimeoutException("30 s")));
            assertThat(f.key()).isEqualTo("timeout");
        }
    }

    @Nested
    class BodyStatuses {
        @Test
        void busy_is_retried_after_the_platforms_wait() {
            Failure f = FailureClassifier.classify(new BodyStatusException(200, "2001",
                    BodyStatusException.Meaning.BUSY, "busy", Duration.ofSeconds(30)));

            assertThat(f).isEqualTo(new Failure("busy", true, Duration.ofSeconds(30), f.detail()));
        }

        @Test
        void maintenance_is_retried() {
            Failure f = FailureClassifier.classify(new BodyStatusException(200, "2002",
                    BodyStatusException.Meaning.MAINTENANCE, "maintenance", null));

            assertThat(f.key()).isEqualTo("maintenance");
            assertThat(f.retryable()).isTrue();
        }

        @Test
        void an_invalid_field_is_permanent_bad_data_and_a_refusal_is_refused() {
            assertThat(FailureClassifier.classify(new BodyStatusException(200, "1001",
                    BodyStatusException.Meaning.INVALID_FIELD, "bad", null)))
                    .extracting(Failure::key, Failure::retryable).containsExactly("bad_data", false);
            assertThat(FailureClassifier.classify(new BodyStatusException(200, "1003",
                    BodyStatusException.Meaning.REFUSED, "no", Duration.ofSeconds(5))))
                    .extracting(Failure::key, Failure::retryable, Failure::retryAfter)
                    .containsExactly("refused", false, null);
        }
    }

    @Test
    void credentials_refused_after_renewal_are_permanent() {
        Failure f = FailureClassifier.classify(new CredentialsRejectedException(401, "invalid_token", "refused twice"));
        assertThat(f.key()).isEqualTo("credentials");
        assertThat(f.retryable()).isFalse();
    }

    @Test
    void an_unreadable_answer_is_permanent_even_when_it_wraps_an_io_failure() {
        Failure f = FailureClassifier.classify(new UnreadableResponseException(200, "not XML",
                new java.io.IOException("premature end")));
        assertThat(f.key()).isEqualTo("unreadable");
        assertThat(f.retryable()).isFalse();
    }

    @Test
    void vertx_request_timeout_is_a_timeout() {
        Failure f = FailureClassifier.classify(new io.vertx.core.impl.NoStackTraceTimeoutException(
                "The timeout period of 300ms has been exceeded"));
        assertThat(f.key()).isEqualTo("timeout");
        assertThat(f.retryable()).isTrue();
    }

    @Test
    void contract_violations_are_permanent_bad_data() {
        Failure f = FailureClassifier.classify(new ContractException(ErrorCode.FIELD_REQUIRED, "/legId", "missing"));
        assertThat(f.key()).isEqualTo("bad_data");
        assertThat(f.retryable()).isFalse();
    }
}
