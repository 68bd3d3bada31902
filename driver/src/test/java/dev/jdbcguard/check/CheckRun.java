package dev.jdbcguard.check;

import dev.jdbcguard.testdb.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * One run of the {@code check} command as a user types it, with what it printed. The password travels through
 * {@code --password-env}, never the URL.
 */
record CheckRun(int exit, String out, String err) {

    static final String PASSWORD_VARIABLE = "CHECK_TEST_PASSWORD";

    /**
     * Runs {@code check} against {@code database} on {@code db} as {@code who}: over verified TLS when the server has
     * it, with {@code options} before the URL.
     */
    static CheckRun as(TestDatabase db, TestDatabase.Credentials who, String database, String... options) {
        StringBuilder query = new StringBuilder("user=").append(encode(who.user()));
        if (db.tlsAvailable()) {
            Properties tls = db.tls("VERIFY_IDENTITY", who);
            for (String key : List.of("sslMode", "trustCertificateKeyStoreUrl", "trustCertificateKeyStorePassword",
                    "trustCertificateKeyStoreType")) {
                query.append('&').append(key).append('=').append(encode(tls.getProperty(key)));
            }
        } else {
            query.append("&sslMode=DISABLED&allowPublicKeyRetrieval=true");
        }
        String url = "jdbc:guard:mysql://" + db.host() + ":" + db.port() + "/" + database + "?" + query;
        List<String> args = new ArrayList<>(List.of(options));
        args.addAll(List.of("--password-env", PASSWORD_VARIABLE, url));
        return run(args, Map.of(PASSWORD_VARIABLE, who.password()));
    }

    static CheckRun run(List<String> args, Map<String, String> environment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Check.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), environment, prompt -> {
                    throw new AssertionError("check asked for a password although one was given: " + prompt);
                });
        return new CheckRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "exit " + exit + "\n--- out ---\n" + out + "--- err ---\n" + err;
    }
}
