package org.tongban.adapters.rest;

import org.tongban.adapters.config.CallbackSettings;
import org.tongban.adapters.config.HttpSettings;
import org.tongban.adapters.config.Secret;
import org.tongban.adapters.config.Settings;
import org.tongban.adapters.http.OAuth2TokenSource;
import org.tongban.adapters.spi.AdapterContext;

import java.net.URI;
import java.util.Objects;

/**
 * Settings of dialect {@code rest-oauth2} (DIALECTS.md a): the platform's base URL, its OAuth2
 * token endpoint and client, the callback receiver with its shared token, and the shared
 * {@code http} block.
 *
 * @param scope OAuth2 scope to ask for, or {@code null}
 */
public record RestOAuth2Settings(URI baseUrl, URI tokenUrl, String clientId, Secret clientSecret, String scope,
                                 CallbackSettings callback, Secret callbackToken, HttpSettings http) {
    public RestOAuth2Settings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(tokenUrl, "tokenUrl");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(callback, "callback");
        Objects.requireNonNull(callbackToken, "callbackToken");
        Objects.requireNonNull(http, "http");
    }

    /** Reads and checks the adapter's settings block; unknown keys are refused. */
    public static RestOAuth2Settings read(AdapterContext context) {
        Settings s = Settings.of(context.settings(), context.baseDir());
        URI baseUrl = s.requiredUrl("baseUrl");
        URI tokenUrl = s.requiredUrl("tokenUrl");
        String clientId = s.requiredString("clientId");
        Secret clientSecret = s.requiredSecret("clientSecret");
        String scope = s.optionalString("scope").orElse(null);
        Settings cb = s.section("callback");
        Secret token = cb.requiredSecret("token");
        CallbackSettings callback = CallbackSettings.read(cb, context.member());
        HttpSettings http = HttpSettings.read(s.section("http"));
        s.done();
        return new RestOAuth2Settings(baseUrl, tokenUrl, clientId, clientSecret, scope, callback, token, http);
    }

    OAuth2TokenSource.Credentials credentials() {
        return new OAuth2TokenSource.Credentials(tokenUrl, clientId, clientSecret, scope);
    }
}
