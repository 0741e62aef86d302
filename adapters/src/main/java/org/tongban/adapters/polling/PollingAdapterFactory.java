package org.tongban.adapters.polling;

import org.tongban.adapters.config.Settings;
import org.tongban.adapters.spi.AdapterContext;
import org.tongban.adapters.spi.AdapterFactory;
import org.tongban.adapters.spi.PlatformAdapter;

import java.time.Clock;

/** Creates {@code polling} adapters: platforms without callbacks, read through a change feed. */
public final class PollingAdapterFactory implements AdapterFactory {
    public static final String TYPE = "polling";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public PlatformAdapter create(AdapterContext context) {
        PollingSettings settings = PollingSettings.read(Settings.of(context.settings(), context.baseDir()));
        return new PollingAdapter(context, settings, Clock.systemUTC());
    }
}
