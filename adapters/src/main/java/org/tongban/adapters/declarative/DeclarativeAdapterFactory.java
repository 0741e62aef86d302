package org.tongban.adapters.declarative;

import org.tongban.adapters.config.Settings;
import org.tongban.adapters.spi.AdapterContext;
import org.tongban.adapters.spi.AdapterFactory;
import org.tongban.adapters.spi.PlatformAdapter;

import java.time.Clock;

/**
 * Creates {@code declarative} adapters: a new city's platform described by a mapping file, with
 * no code. The mapping is read and checked here, when the node starts.
 */
public final class DeclarativeAdapterFactory implements AdapterFactory {
    public static final String TYPE = "declarative";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public PlatformAdapter create(AdapterContext context) {
        DeclarativeSettings settings = DeclarativeSettings.read(Settings.of(context.settings(), context.baseDir()));
        return new DeclarativeAdapter(context, settings, Clock.systemUTC());
    }
}
