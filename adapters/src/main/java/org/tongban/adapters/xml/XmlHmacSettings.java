package org.tongban.adapters.xml;

import org.tongban.adapters.config.CallbackSettings;
import org.tongban.adapters.config.HttpSettings;
import org.tongban.adapters.config.Secret;
import org.tongban.adapters.config.Settings;
import org.tongban.adapters.spi.AdapterContext;

import java.net.URI;
import java.util.Objects;

/**
 * Settings of dialect {@code xml-hmac} (DIALECTS.md b): the platform's base URL, the app key
 * and secret both sides sign with, the body charset, the callback receiver (authenticated by
 * the same signature, so without a token) and the shared {@code http} block.
 */
public record XmlHmacSettings(URI baseUrl, String appKey, Secret appSecret, XmlCharset charset,
                              CallbackSettings callback, HttpSettings http) {
    public XmlHmacSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(appKey, "appKey");
        Objects.requireNonNull(appSecret, "appSecret");
        Objects.requireNonNull(charset, "charset");
        Objects.requireNonNull(callback, "callback");
        Objects.requireNonNull(http, "http");
    }

    /** Reads and checks the adapter's settings block; unknown keys are refused. */
    public static XmlHmacSettings read(AdapterContext context) {
        Settings s = Settings.of(context.settings(), context.baseDir());
        URI baseUrl = s.requiredUrl("baseUrl");
        String appKey = s.requiredString("appKey");
        if (!appKey.matches("[\\x21-\\x7e]{1,128}")) {
            throw new org.tongban.adapters.spi.AdapterConfigException(s.path("appKey")
                    + ": expected printable ASCII without spaces (it travels in the X-App-Key header)");
        }
        Secret appSecret = s.requiredSecret("appSecret");
        XmlCharset charset = s.enumValue("charset", XmlCharset.class, XmlCharset.UTF_8);
        CallbackSettings callback = CallbackSettings.read(s.section("callback"), context.member());
        HttpSettings http = HttpSettings.read(s.section("http"));
        s.done();
        return new XmlHmacSettings(baseUrl, appKey, appSecret, charset, callback, http);
    }
}
