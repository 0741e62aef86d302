package org.tongban.adapters.spi;

/** An adapter's configuration is wrong; the message names the key and what to do. */
public final class AdapterConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AdapterConfigException(String message) {
        super(message);
    }
}
