package org.tongban.gateway.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A blocking client of a node's office and ops APIs, for tests. */
public final class OfficeClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final String office;
    private final String ops;
    private final String token;

    public OfficeClient(String office, String ops, String token) {
        this.office = office;
        this.ops = ops;
        this.token = token;
    }

    public record Response(int status, JsonNode body, String raw) {
    }

    public Response post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(office + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(office + path)).GET());
    }

    public Response ops(String method, String path) {
        return send(HttpRequest.newBuilder(URI.create(ops + path)).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    private Response send(HttpRequest.Builder b) {
        HttpRequest request = b.header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build();
        try {
            HttpResponse<String> r;
            try {
                r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException stale) {
                // a pooled keep-alive connection the server had just closed: one fresh try
                r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            }
            JsonNode body = r.body().isEmpty() ? null : parse(r.body());
            return new Response(r.statusCode(), body, r.body());
        } catch (IOException e) {
            throw new IllegalStateException("request " + request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            return null;
        }
    }
}
