package dev.jdbcguard.rules.lint;

import dev.jdbcguard.rules.Action;
import dev.jdbcguard.rules.Mode;
import dev.jdbcguard.rules.engine.Finding;
import java.io.PrintStream;

/**
 * {@code lint --format github}: one GitHub Actions workflow command per finding
 * ({@code ::error file=F,line=L,col=C,title=RULE::MESSAGE}, {@code ::warning ...} for a warning), which the runner
 * shows as an annotation on the pull request's diff, then the usual summary line.
 */
final class GithubAnnotations extends LintReport {

    GithubAnnotations(PrintStream out, String rules, Action failOn, Mode mode, int files) {
        super(out, rules, failOn, mode, files);
    }

    @Override
    void write(Located located) {
        Finding finding = located.finding();
        out.println("::" + (acted(finding) == Action.BLOCK ? "error" : "warning")
                + " file=" + property(located.file().toString().replace('\\', '/'))
                + ",line=" + located.line() + ",col=" + located.column()
                + ",title=" + property("jdbc-guard " + finding.ruleId())
                + "::" + data(finding.detail() + ". Fix: " + finding.rule().fix()));
    }

    @Override
    void finish() {
        out.println(summary());
    }

    /** A command's message: %, CR and LF escaped as the runner expects. */
    static String data(String text) {
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** A command's property value: as {@link #data}, plus ':' and ','. */
    static String property(String text) {
        return data(text).replace(":", "%3A").replace(",", "%2C");
    }
}
