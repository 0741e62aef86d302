package org.tongban.adapters.rest;

import org.tongban.adapters.spi.AdapterContext;
import org.tongban.adapters.spi.AdapterFactory;
import org.tongban.adapters.spi.PlatformAdapter;

import java.time.Clock;

/** Dialect {@code rest-oauth2}: JSON over REST with OAuth2 client credentials, events pushed. */
public final class RestOAuth2AdapterFactory implements AdapterFactory {
    public static final String TYPE = "rest-oauth2";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public PlatformAdapter create(AdapterContext context) {
        return new RestOAuth2Adapter(context, RestOAuth2Settings.read(context), Clock.systemUTC());
    }
}
