package org.tongban.gateway.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A member city of the demo federation, from {@code members.csv} (the project's domain data):
 * its division code, names, the demo node that hosts it and its SLA profile.
 */
public record DemoCity(String id, String nameZh, String nameEn, String node, String slaProfile) {
    static final String RESOURCE = "org/tongban/gateway/demo/members.csv";

    /** The cities in the order of the file. */
    public static List<DemoCity> load() {
        try (InputStream in = DemoCity.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the build lost " + RESOURCE);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<DemoCity> out = new ArrayList<>();
            String header = r.readLine();
            if (header == null || !header.startsWith("division_code,name_zh,name_en,province_zh,demo_node,demo_sla_profile")) {
                throw new IllegalStateException(RESOURCE + " does not start with the expected header: " + header);
            }
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", 7);
                out.add(new DemoCity(f[0], f[1], f[2], f[4], f[5]));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code 咸宁市 (Xianning, 421200)}. */
    public String label() {
        return nameZh + " (" + nameEn + ", " + id + ")";
    }
}
