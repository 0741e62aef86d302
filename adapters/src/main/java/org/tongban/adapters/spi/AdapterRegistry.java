package org.tongban.adapters.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The adapter factories on the class path, by type. Two factories with one type are a
 * packaging error and fail loudly.
 */
public final class AdapterRegistry {
    private final Map<String, AdapterFactory> factories;

    private AdapterRegistry(Map<String, AdapterFactory> factories) {
        this.factories = Collections.unmodifiableMap(factories);
    }

    public static AdapterRegistry load(ClassLoader loader) {
        Map<String, AdapterFactory> found = new LinkedHashMap<>();
        for (AdapterFactory f : ServiceLoader.load(AdapterFactory.class, loader)) {
            if (f.type() == null || f.type().isBlank()) {
                throw new AdapterConfigException("adapter factory " + f.getClass().getName() + " declares no type");
            }
            AdapterFactory previous = found.putIfAbsent(f.type(), f);
            if (previous != null) {
                throw new AdapterConfigException("two adapters declare type '" + f.type() + "': "
                        + previous.getClass().getName() + " and " + f.getClass().getName()
                        + "; remove one of them from the class path");
            }
        }
        return new AdapterRegistry(found);
    }

    public Optional<AdapterFactory> factory(String type) {
        return Optional.ofNullable(factories.get(type));
    }

    public Map<String, AdapterFactory> factories() {
        return factories;
    }
}
