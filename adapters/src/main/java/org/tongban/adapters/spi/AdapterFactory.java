package org.tongban.adapters.spi;


/**
 * Creates adapters of one dialect. Implementations are found with {@link java.util.ServiceLoader}
 * under {@code META-INF/services/org.tongban.adapters.spi.AdapterFactory}; their {@link #type()}
 * must be unique, or the node refuses to start.
 */
public interface AdapterFactory {
    /** The dialect id used in node configuration, e.g. {@code rest-oauth2}. */
    String type();

    /**
     * Creates the adapter for one member from its context and configuration block. Unknown keys
     * and bad values are refused with an {@link AdapterConfigException} naming the key.
     */
    PlatformAdapter create(AdapterContext context);
}
