package dev.jdbcguard.rules.lint;

import dev.jdbcguard.rules.report.Json;
import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lint in CI: SARIF 2.1.0 valid against its schema, GitHub workflow annotations, and a baseline of known findings. */
class LintCiFormatsTest {

    @TempDir
    Path dir;

    private Path migrations;
    private String out;
    private String err;

    @BeforeEach
    void migrations() throws IOException {
        migrations = Files.createDirectory(dir.resolve("db migration"));
        Files.writeString(migrations.resolve("V1__orders.sql"), String.join("\n",
                "CREATE TABLE orders (id INT PRIMARY KEY, note VARCHAR(20));",
                "CREATE TABLE audit (at DATETIME, line TEXT);", ""));
        Files.writeString(migrations.resolve("V2__changes.sql"), String.join("\n",
                "ALTER TABLE orders MODIFY note VARCHAR(10);",
                "DELETE FROM audit;", ""));
    }

    private int lint(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add(migrations.toString());
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int status = Lint.run(all, new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8), Map.of());
        out = stdout.toString(StandardCharsets.UTF_8);
        err = stderr.toString(StandardCharsets.UTF_8);
        return status;
    }

    /**
     * The errors of {@code sarif} against the complete SARIF 2.1.0 JSON schema (draft-04, {@code sarif-2.1.0-rtm.5.json}
     * as npm's {@code @microsoft/jest-sarif} 1.0.0-beta.0 ships it: every object of the format, with its required
     * properties, enumerations, minimums and {@code additionalProperties: false}).
     */
    private static List<Error> validate(String sarif) throws IOException {
        try (InputStream schemaJson = LintCiFormatsTest.class.getResourceAsStream("sarif-2.1.0-rtm.5.json")) {
            Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(schemaJson);
            return schema.validate(sarif, InputFormat.JSON);
        }
    }

    @Test
    void sarifIsValidAndHasOneResultPerFindingWithRuleMetadataAndFix() throws IOException {
        assertThat(lint("--profile", "migration", "--format", "sarif")).isEqualTo(Lint.PASSED);
        assertThat(err).isEmpty();
        assertThat(validate(out)).isEmpty();
        assertThat(out).contains("\"version\": \"2.1.0\"")
                .contains("{\"id\": \"ddl.lossy-type-change\", \"shortDescription\": {\"text\": ")
                .contains("\"ruleId\": \"ddl.no-primary-key\"")
                .contains("\"ruleId\": \"dml.no-where\"")
                .contains("\"level\": \"warning\"")
                .contains("\"uri\": " + Json.string(Sarif.uri(migrations.resolve("V2__changes.sql"))))
                .contains("\"region\": {\"startLine\": 2, \"startColumn\": 1}")
                .contains("Fix: Check the data fits first");
        assertThat(out.split("\"ruleId\": ", -1)).hasSize(4); // three results
    }

    @Test
    void theSchemaRefusesWhatSarifDoesNotAllow() throws IOException {
        assertThat(lint("--profile", "migration", "--format", "sarif")).isEqualTo(Lint.PASSED);
        assertThat(validate(out.replace("\"level\": \"warning\"", "\"level\": \"warn\""))).isNotEmpty();
        assertThat(validate(out.replace("\"version\": \"2.1.0\"", "\"version\": \"2.0.0\""))).isNotEmpty();
        assertThat(validate(out.replace("\"startLine\": 2", "\"startLine\": 0"))).isNotEmpty();
        assertThat(validate(out.replace("\"ruleIndex\"", "\"ruleIdx\""))).isNotEmpty();
    }

    @Test
    void sarifOfACleanRunIsValidToo() throws IOException {
        Files.writeString(migrations.resolve("V1__orders.sql"), "CREATE TABLE t (id BIGINT PRIMARY KEY);\n");
        Files.delete(migrations.resolve("V2__changes.sql"));
        assertThat(lint("--profile", "migration", "--format", "sarif")).isEqualTo(Lint.PASSED);
        assertThat(validate(out)).isEmpty();
        assertThat(out).contains("\"results\": []");
    }

    @Test
    void githubAnnotationsAreWorkflowCommandsWithEscapedProperties() {
        assertThat(lint("--format", "github")).isEqualTo(Lint.FAILED);
        String v2 = migrations.resolve("V2__changes.sql").toString().replace('\\', '/');
        assertThat(out).contains("::error file=" + GithubAnnotations.property(v2) + ",line=2,col=1,title=jdbc-guard dml.no-where::DELETE without WHERE on audit. Fix: ")
                .contains("::warning file=" + GithubAnnotations.property(v2) + ",line=1,col=1,title=jdbc-guard ddl.lossy-type-change::MODIFY note")
                .endsWith("fails on block: FAILED\n");
        assertThat(GithubAnnotations.property("C:\\a,b%\n")).isEqualTo("C%3A\\a%2Cb%25%0A");
    }

    @Test
    void aBaselineHidesKnownFindingsAndNewOnesStillFail() throws IOException {
        Path baseline = dir.resolve("lint-baseline.txt");
        assertThat(lint("--write-baseline", baseline.toString())).isEqualTo(Lint.PASSED);
        assertThat(out).startsWith("lint: wrote ");
        assertThat(Files.readAllLines(baseline)).anyMatch(line -> line.startsWith("dml.no-where\t") && line.endsWith("\tdelete from audit"));

        assertThat(lint("--baseline", baseline.toString())).isEqualTo(Lint.PASSED);
        assertThat(out).contains("2 files, 0 findings (0 block, 0 warn; ")
                .contains(" more known from the baseline) under profile production; fails on block: passed");

        Files.writeString(migrations.resolve("V3__purge.sql"), "DELETE FROM orders;\n");
        assertThat(lint("--baseline", baseline.toString())).isEqualTo(Lint.FAILED);
        assertThat(out).contains("V3__purge.sql:1:1: block dml.no-where: DELETE without WHERE on orders")
                .doesNotContain("on audit");
    }

    @Test
    void aMissingOrMalformedBaselineIsBadInput() throws IOException {
        assertThat(lint("--baseline", dir.resolve("nope.txt").toString())).isEqualTo(Lint.BAD_INPUT);
        assertThat(err).contains("no such baseline file");
        Path bad = Files.writeString(dir.resolve("bad.txt"), "dml.no-where only two\tcolumns\n");
        assertThat(lint("--baseline", bad.toString())).isEqualTo(Lint.BAD_INPUT);
        assertThat(err).contains("not a baseline line");
    }
}
