package org.tongban.adapters.xml;

import org.tongban.adapters.spi.AdapterContext;
import org.tongban.adapters.spi.AdapterFactory;
import org.tongban.adapters.spi.PlatformAdapter;

import java.security.SecureRandom;
import java.time.Clock;

/** Dialect {@code xml-hmac}: XML over HTTP with HMAC-SM3 signed headers and body status codes. */
public final class XmlHmacAdapterFactory implements AdapterFactory {
    public static final String TYPE = "xml-hmac";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public PlatformAdapter create(AdapterContext context) {
        return new XmlHmacAdapter(context, XmlHmacSettings.read(context), Clock.systemUTC(), new SecureRandom());
    }
}
