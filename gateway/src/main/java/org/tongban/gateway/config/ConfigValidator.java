package org.tongban.gateway.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks a bound configuration and reports every problem at once, each with its key. */
final class ConfigValidator {
    /** Most notices one PenaltyNoticeBatch may carry (contract tongban/credit-repair 1.0, §4.13). */
    static final int MAX_BATCH = 10_000;

    private ConfigValidator() {
    }

    static void validate(NodeConfig c) {
        List<String> p = new ArrayList<>();
        if (c.node() == null || blank(c.node().id())) {
            p.add("node.id: set this node's id as listed in the federation directory (e.g. north)");
        }
        if (c.federation() == null) {
            p.add("federation: set federation.directory and federation.anchor");
        } else {
            readable(p, "federation.directory", c.federation().directory(), "the signed federation directory");
            readable(p, "federation.anchor", c.federation().anchor(), "the trust anchor's public key file");
        }
        if (c.members() == null || c.members().isEmpty()) {
            p.add("members: list at least one member city this node hosts");
        } else {
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < c.members().size(); i++) {
                NodeConfig.HostedMember m = c.members().get(i);
                String at = "members[" + i + "]";
                if (blank(m.id()) || !m.id().matches("\\d{6}")) {
                    p.add(at + ".id: a member id is a six-digit division code such as 230100");
                } else if (!ids.add(m.id())) {
                    p.add(at + ".id: member " + m.id() + " is listed twice");
                }
                if (m.keys() == null || m.keys().isEmpty()) {
                    p.add(at + ".keys: list the member's private key files (tongban keygen makes them)");
                } else {
                    for (int k = 0; k < m.keys().size(); k++) {
                        readable(p, at + ".keys[" + k + "]", m.keys().get(k), "a private key file");
                    }
                }
                if (m.adapter() == null || blank(m.adapter().type())) {
                    p.add(at + ".adapter.type: name the adapter that reaches this member's credit platform");
                }
            }
        }
        if (c.listen() != null) {
            port(p, "listen.federation", c.listen().federation());
            port(p, "listen.office", c.listen().office());
            port(p, "listen.ops", c.listen().ops());
        }
        if (c.node() != null && c.node().profile() == NodeConfig.Profile.production) {
            if (c.tls() == null) {
                p.add("tls: the production profile needs tls.certificate and tls.privateKey for mutual TLS"
                        + " (or set node.profile: development for plain HTTP on one machine)");
            }
        }
        if (c.tls() != null) {
            readable(p, "tls.certificate", c.tls().certificate(), "a PEM certificate");
            readable(p, "tls.privateKey", c.tls().privateKey(), "a PEM private key");
        }
        if (c.store() != null) {
            if (c.store().kind() == NodeConfig.StoreKind.postgresql && blank(c.store().url())) {
                p.add("store.url: the postgresql store needs a JDBC URL such as jdbc:postgresql://db:5432/tongban");
            }
            if (c.store().poolSize() != null && (c.store().poolSize() < 1 || c.store().poolSize() > 200)) {
                p.add("store.poolSize: between 1 and 200");
            }
        }
        if (c.office() == null || c.office().jwtSecret() == null || c.office().jwtSecret().reveal().length() < 32) {
            p.add("office.jwtSecret: set a secret of at least 32 characters (or TONGBAN_OFFICE_JWT_SECRET)");
        }
        if (c.outbox() != null && c.outbox().perDestinationConcurrency() != null
                && c.outbox().perDestinationConcurrency() < 1) {
            p.add("outbox.perDestinationConcurrency: at least 1");
        }
        if (c.rules() != null && c.rules().files() != null) {
            for (int i = 0; i < c.rules().files().size(); i++) {
                readable(p, "rules.files[" + i + "]", c.rules().files().get(i), "a publicity-rules CSV file");
            }
        }
        if (c.calendar() != null) {
            if (c.calendar().files() != null) {
                for (int i = 0; i < c.calendar().files().size(); i++) {
                    readable(p, "calendar.files[" + i + "]", c.calendar().files().get(i), "a holiday-cn JSON file");
                }
            }
            if (c.calendar().lookahead() == null || c.calendar().lookahead().isNegative()
                    || c.calendar().lookahead().compareTo(java.time.Duration.ofDays(366)) > 0) {
                p.add("calendar.lookahead: between 0 and 366d (e.g. 30d)");
            }
        }
        if (c.sla() != null) {
            positive(p, "sla.pollEvery", c.sla().pollEvery());
            positive(p, "sla.leaseFor", c.sla().leaseFor());
        }
        sharing(p, c.sharing());
        if (!p.isEmpty()) {
            throw new ConfigException(p);
        }
    }

    private static void positive(List<String> p, String key, java.time.Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            p.add(key + ": a positive duration such as 5s");
        }
    }

    private static void sharing(List<String> p, NodeConfig.Sharing s) {
        if (s == null || s.batchSize() == null || s.pageSize() == null || s.pollEvery() == null
                || s.jobsEvery() == null) {
            p.add("sharing: set batchSize, pageSize, pollEvery and jobsEvery (the defaults are 2000, 2000, 10s and 1m)");
            return;
        }
        if (s.batchSize() < 1 || s.batchSize() > MAX_BATCH) {
            p.add("sharing.batchSize: between 1 and " + MAX_BATCH + " notices per signed batch");
        }
        if (s.pageSize() < 1 || s.pageSize() > 100_000) {
            p.add("sharing.pageSize: between 1 and 100000 penalty decisions read at a time");
        }
        if (s.pollEvery().toMillis() < 10) {
            p.add("sharing.pollEvery: at least 10ms");
        }
        if (s.jobsEvery().toMillis() < 1000) {
            p.add("sharing.jobsEvery: at least 1s");
        }
    }

    private static void port(List<String> p, String key, NodeConfig.Endpoint e) {
        if (e == null) {
            p.add(key + ": set host and port");
        } else if (e.port() < 0 || e.port() > 65535) {
            p.add(key + ".port: " + e.port() + " is not a TCP port (0 picks a free one)");
        }
    }

    private static void readable(List<String> p, String key, Path path, String what) {
        if (path == null) {
            p.add(key + ": give the path of " + what);
        } else if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            p.add(key + ": " + path + " does not exist or cannot be read (expected " + what + ")");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
