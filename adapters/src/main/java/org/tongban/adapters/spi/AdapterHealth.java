package org.tongban.adapters.spi;

/** Whether the platform behind an adapter answers, with a short reason when it does not. */
public record AdapterHealth(boolean up, String detail) {
    public static AdapterHealth healthy() {
        return new AdapterHealth(true, "ok");
    }

    public static AdapterHealth unhealthy(String detail) {
        return new AdapterHealth(false, detail);
    }
}
