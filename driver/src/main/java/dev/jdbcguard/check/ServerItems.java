package dev.jdbcguard.check;

import dev.jdbcguard.rules.Action;
import dev.jdbcguard.rules.RuleCatalog;
import dev.jdbcguard.rules.RuleConfig;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The items about the server's settings: TLS, connection limits, recovery, monitoring, SQL modes. */
final class ServerItems {

    /** Accounts only the server's own host can use cannot be reached over a network, so TLS does not apply to them. */
    private static final List<String> LOCAL_HOSTS = List.of("localhost", "127.0.0.1", "::1");
    private static final List<String> SYSTEM_USERS = List.of("mariadb.sys", "mysql.sys", "mysql.session", "mysql.infoschema");
    private static final long ONE_DAY_SECONDS = 86_400;
    private static final int LISTED = 10;

    private ServerItems() {
    }

    static Item tls(Checklist checklist) throws SQLException, Server.Unreadable {
        Server server = checklist.server();
        List<String> evidence = new ArrayList<>();
        String version = "";
        String cipher = "";
        for (Server.Row row : server.query("SHOW SESSION STATUS WHERE Variable_name IN ('Ssl_version', 'Ssl_cipher')")) {
            if (row.get("Variable_name").equalsIgnoreCase("Ssl_version")) {
                version = row.get("Value");
            } else {
                cipher = row.get("Value");
            }
        }
        boolean encrypted = !version.isEmpty();
        evidence.add("this session: " + (encrypted ? version + " " + cipher : "not encrypted"));
        // have_ssl is gone from MySQL 8.4; a server there offers TLS when it has a certificate.
        boolean offered = server.variable("have_ssl").map(v -> v.equalsIgnoreCase("YES"))
                .orElseGet(() -> encrypted || server.variable("ssl_cert").filter(v -> !v.isEmpty()).isPresent());
        evidence.add("server offers TLS: " + (offered ? "yes" : "no")
                + server.variable("have_ssl").map(v -> " (have_ssl=" + v + ")").orElse(""));
        Optional<String> requireSecure = server.variable("require_secure_transport");
        boolean required = requireSecure.map(ServerItems::on).orElse(false);
        evidence.add("require_secure_transport=" + requireSecure.orElse("(not on this server)"));
        String fix = "Turn TLS on at the server (ssl_cert/ssl_key), set require_secure_transport=ON, or ALTER USER ... REQUIRE SSL"
                + " for every login used over the network; clients connect with sslMode=VERIFY_IDENTITY.";
        if (!offered) {
            return new Item("tls", Status.FAIL, "the server offers no TLS: every login crosses the network in clear text",
                    evidence, fix);
        }
        String min = checklist.rule(RuleCatalog.TLS_VERSION).choice("min");
        if (encrypted && version.compareTo(min) < 0) {
            return new Item("tls", Status.FAIL, "this session negotiated " + version + ", older than tls.version min " + min,
                    evidence, "Allow only TLSv1.2+ on the server (tls_version=TLSv1.2,TLSv1.3).");
        }
        if (required) {
            return new Item("tls", Status.PASS, "TLS is required server-wide" + (encrypted ? "; this session: " + version : ""),
                    evidence, fix);
        }
        List<Server.Row> accounts;
        try {
            accounts = server.query("SELECT user, host, ssl_type FROM mysql.user ORDER BY user, host");
        } catch (Server.Unreadable e) {
            evidence.add("logins without REQUIRE SSL: cannot read mysql.user: " + e.getMessage());
            return new Item("tls", Status.UNKNOWN, "TLS is not required server-wide, and this login cannot see which"
                    + " logins may connect without it", evidence, Checklist.PROCESS_GRANT);
        }
        List<String> plaintextUsers = new ArrayList<>();
        for (Server.Row row : accounts) {
            String user = row.get("user");
            String host = row.get("host");
            boolean requiresTls = row.get("ssl_type") != null && !row.get("ssl_type").isEmpty();
            if (!requiresTls && !user.isEmpty() && !SYSTEM_USERS.contains(user) && !LOCAL_HOSTS.contains(host)) {
                plaintextUsers.add("'" + user + "'@'" + host + "'");
            }
        }
        if (!plaintextUsers.isEmpty()) {
            evidence.add(plaintextUsers.size() + " network login(s) without REQUIRE SSL: " + listed(plaintextUsers));
            return new Item("tls", Status.WARN, "TLS is not required server-wide and " + plaintextUsers.size()
                    + " network login(s) may connect without it", evidence, fix);
        }
        if (!encrypted) {
            return new Item("tls", Status.WARN, "this session is not encrypted although the server offers TLS",
                    evidence, "Connect with sslMode=VERIFY_IDENTITY (and set require_secure_transport=ON).");
        }
        return new Item("tls", Status.PASS, "every network login requires TLS; this session: " + version, evidence, fix);
    }

    static Item connections(Checklist checklist) {
        Server server = checklist.server();
        long max = server.variable("max_connections").map(Long::parseLong).orElse(0L);
        long connected = server.statusNumber("Threads_connected");
        long maxUsed = server.statusNumber("Max_used_connections");
        // The same share the guard warns at while running, so check and the running fleet agree.
        long percent = checklist.rule(RuleCatalog.CONN_SERVER_HEADROOM).count("percent");
        List<String> evidence = new ArrayList<>();
        evidence.add("max_connections=" + max + ", Threads_connected=" + connected + " (" + share(connected, max) + ")");
        evidence.add("Max_used_connections=" + maxUsed + " (" + share(maxUsed, max) + ")"
                + server.status("Max_used_connections_time").map(t -> " at " + t).orElse(" (this server does not record when)"));
        evidence.add("Aborted_connects=" + server.statusNumber("Aborted_connects") + " of Connections="
                + server.statusNumber("Connections"));
        evidence.add("conn.server-headroom percent=" + percent);
        evidence.add("max_user_connections=" + server.variable("max_user_connections").orElse("?") + " (0 = no per-login cap)");
        RuleConfig cap = checklist.rule(RuleCatalog.CONN_CAP);
        long perInstance = cap.enabled() ? cap.count("max") : 0;
        long instances = perInstance > 0 ? max / perInstance : 0;
        if (perInstance > 0) {
            evidence.add("conn.cap max=" + perInstance + " per instance and target: " + instances
                    + " application instance(s) at their cap fit in max_connections");
        }
        String fix = "Size pools so that instances x pool size stays below max_connections with room for deploys"
                + " (rolling deploys run old and new instances together); raise max_connections if the server has"
                + " the memory; find the clients holding connections in information_schema.PROCESSLIST.";
        if (max <= 0) {
            return Checklist.unknown("connections", "the server does not show max_connections", fix);
        }
        if (connected * 100 >= max * percent) {
            return new Item("connections", Status.FAIL, connected + " of max_connections " + max + " connections are open ("
                    + share(connected, max) + ", at or over " + percent + " %): new logins will soon be refused", evidence, fix);
        }
        if (maxUsed * 100 >= max * percent) {
            return new Item("connections", Status.WARN, "the peak, Max_used_connections " + maxUsed + ", reached "
                    + share(maxUsed, max) + " of max_connections " + max, evidence, fix);
        }
        if (perInstance > 0 && instances < 2) {
            return new Item("connections", Status.WARN, "conn.cap max " + perInstance + " leaves room for " + instances
                    + " application instance(s) in max_connections " + max + ": a rolling deploy or a second instance"
                    + " exhausts the server", evidence, fix);
        }
        return new Item("connections", Status.PASS, connected + " of " + max + " connections open (" + share(connected, max)
                + "), peak " + maxUsed, evidence, fix);
    }

    static Item backups(Checklist checklist) {
        Server server = checklist.server();
        String fix = "Run with the binary log on (log_bin), binlog_format=ROW, GTIDs (MySQL: gtid_mode=ON,"
                + " enforce_gtid_consistency=ON) and a retention longer than the interval between full backups"
                + " (binlog_expire_logs_seconds), so a point-in-time restore is possible.";
        Optional<String> logBin = server.variable("log_bin");
        if (logBin.isEmpty() || server.variable("version_comment").orElse("").matches("(?i).*(vitess|planetscale).*")) {
            return Checklist.unknown("backups", "managed service: the server does not show its binary log settings",
                    "Check the provider's backup and point-in-time-recovery policy (PlanetScale keeps backups itself).");
        }
        List<String> evidence = new ArrayList<>();
        evidence.add("log_bin=" + logBin.get());
        if (!on(logBin.get())) {
            return new Item("backups", Status.FAIL, "the binary log is off: no point-in-time recovery, no replica can follow",
                    evidence, fix);
        }
        List<String> warnings = new ArrayList<>();
        String format = server.variable("binlog_format").orElse("?");
        evidence.add("binlog_format=" + format);
        if (!format.equalsIgnoreCase("ROW")) {
            warnings.add("binlog_format is " + format + ", not ROW");
        }
        if (server.isMariaDb()) {
            // MariaDB writes a GTID with every event group whenever the binary log is on.
            evidence.add("GTIDs: MariaDB writes them to every binary log (gtid_binlog_pos="
                    + server.variable("gtid_binlog_pos").orElse("?") + ", gtid_strict_mode="
                    + server.variable("gtid_strict_mode").orElse("?") + ")");
        } else {
            String gtid = server.variable("gtid_mode").orElse("?");
            evidence.add("gtid_mode=" + gtid);
            if (!gtid.equalsIgnoreCase("ON")) {
                warnings.add("gtid_mode is " + gtid + ", not ON");
            }
        }
        long retention = retentionSeconds(server);
        evidence.add("binary log retention: " + (retention == 0 ? "never purged" : retention / 3600 + " h")
                + " (binlog_expire_logs_seconds=" + server.variable("binlog_expire_logs_seconds").orElse("-")
                + ", expire_logs_days=" + server.variable("expire_logs_days").orElse("-") + ")");
        if (retention == 0) {
            warnings.add("binary logs are never purged: the disk fills");
        } else if (retention < ONE_DAY_SECONDS) {
            warnings.add("binary logs are kept less than a day");
        }
        if (!warnings.isEmpty()) {
            return new Item("backups", Status.WARN, String.join("; ", warnings), evidence, fix);
        }
        return new Item("backups", Status.PASS, "binary log on, ROW format, GTIDs, " + retention / 3600 + " h retention",
                evidence, fix);
    }

    static Item monitoring(Checklist checklist) throws SQLException, Server.Unreadable {
        Server server = checklist.server();
        String fix = "Start the server with performance_schema=ON (it cannot be turned on at run time), keep the"
                + " statements_digest consumer enabled, and raise performance_schema_digests_size when digests are lost.";
        List<String> evidence = new ArrayList<>();
        String performanceSchema = server.variable("performance_schema").orElse("(not on this server)");
        evidence.add("performance_schema=" + performanceSchema);
        if (!on(performanceSchema)) {
            return new Item("monitoring", Status.WARN, "performance_schema is off: no statement digests, no wait or lock"
                    + " history to diagnose production with", evidence, fix);
        }
        List<Server.Row> consumer = server.query(
                "SELECT ENABLED FROM performance_schema.setup_consumers WHERE NAME = 'statements_digest'");
        boolean digests = !consumer.isEmpty() && consumer.get(0).get("ENABLED").equalsIgnoreCase("YES");
        evidence.add("statements_digest consumer: " + (digests ? "enabled" : "disabled"));
        long lost = server.statusNumber("Performance_schema_digest_lost");
        evidence.add("Performance_schema_digest_lost=" + lost + ", performance_schema_digests_size="
                + server.variable("performance_schema_digests_size").orElse("?"));
        if (!digests) {
            return new Item("monitoring", Status.WARN, "the statements_digest consumer is disabled: no per-shape statistics",
                    evidence, fix);
        }
        if (lost > 0) {
            return new Item("monitoring", Status.WARN, lost + " statement digests were lost: the digest table is full, so"
                    + " its ranking misses shapes", evidence, fix);
        }
        return new Item("monitoring", Status.PASS, "performance_schema on, statement digests collected, none lost",
                evidence, fix);
    }

    static Item safeUpdates(Checklist checklist) {
        Server server = checklist.server();
        String safe = server.variable("sql_safe_updates").orElse("OFF");
        Action noWhere = checklist.rules().action(RuleCatalog.DML_NO_WHERE);
        List<String> evidence = List.of(
                "sql_safe_updates=" + safe + " (global default for new sessions; ON refuses UPDATE/DELETE without a"
                        + " key in the WHERE and no LIMIT, error 1175)",
                "dml.no-where=" + noWhere.label() + " in " + checklist.rules().description());
        String fix = "Keep dml.no-where at block for application connections, or set sql_safe_updates=ON for"
                + " interactive logins.";
        if (noWhere == Action.BLOCK || on(safe)) {
            return new Item("safe-updates", Status.PASS, noWhere == Action.BLOCK
                    ? "the guard refuses UPDATE/DELETE without WHERE (dml.no-where=block)"
                    : "the server refuses UPDATE/DELETE without a key (sql_safe_updates=ON)", evidence, fix);
        }
        return new Item("safe-updates", Status.WARN, "an UPDATE or DELETE without WHERE runs: sql_safe_updates is OFF and"
                + " dml.no-where is " + noWhere.label(), evidence, fix);
    }

    static Item sqlMode(Checklist checklist) {
        List<String> modes = Arrays.stream(checklist.server().variable("sql_mode").orElse("").split(","))
                .map(String::trim).filter(m -> !m.isEmpty()).map(m -> m.toUpperCase(Locale.ROOT)).toList();
        List<String> evidence = List.of("global sql_mode=" + (modes.isEmpty() ? "(empty)" : String.join(",", modes)));
        List<String> problems = new ArrayList<>();
        for (String mode : List.of("ANSI_QUOTES", "PIPES_AS_CONCAT", "NO_BACKSLASH_ESCAPES", "ANSI")) {
            if (modes.contains(mode)) {
                problems.add(mode + " changes how SQL text reads (the guard and PlanetScale read it as the default mode does)");
            }
        }
        if (!modes.contains("STRICT_TRANS_TABLES") && !modes.contains("STRICT_ALL_TABLES")) {
            problems.add("no strict mode: too-long strings and out-of-range numbers are silently cut, with a warning");
        }
        String fix = "Set sql_mode to the default of MySQL 8 (ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,"
                + "NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION) in the server configuration.";
        if (!problems.isEmpty()) {
            return new Item("sql-mode", Status.WARN, String.join("; ", problems), evidence, fix);
        }
        return new Item("sql-mode", Status.PASS, "strict, and SQL reads as the guard reads it", evidence, fix);
    }

    private static long retentionSeconds(Server server) {
        long seconds = server.variable("binlog_expire_logs_seconds").map(Long::parseLong).orElse(0L);
        if (seconds > 0) {
            return seconds;
        }
        // MariaDB before 10.6 and MySQL 5.7 know only days (a decimal on MariaDB 10.6+).
        double days = server.variable("expire_logs_days").map(Double::parseDouble).orElse(0.0);
        return (long) (days * ONE_DAY_SECONDS);
    }

    static String listed(List<String> names) {
        return names.size() <= LISTED ? String.join(", ", names)
                : String.join(", ", names.subList(0, LISTED)) + " and " + (names.size() - LISTED) + " more";
    }

    private static String share(long part, long whole) {
        return whole <= 0 ? "?" : (part * 100 / whole) + " %";
    }

    private static boolean on(String value) {
        return value.equalsIgnoreCase("ON") || value.equals("1") || value.equalsIgnoreCase("YES");
    }
}
