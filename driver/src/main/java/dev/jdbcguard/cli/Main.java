package dev.jdbcguard.cli;

import dev.jdbcguard.check.Check;
import dev.jdbcguard.rules.lint.Lint;
import java.io.Console;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The jar's command line: {@code java -jar jdbc-guard.jar <command> ...}. Commands live in the modules that own
 * them; this class only dispatches.
 */
public final class Main {

    static final String USAGE = String.join("\n",
            "usage: java -jar jdbc-guard.jar <command> [options]",
            "commands:",
            "  lint   judge SQL files (e.g. db/migration) against the guard's statement rules",
            "  check  audit a live database against the production checklist (reads only)",
            "  help   print this text",
            "",
            Lint.USAGE,
            "",
            Check.USAGE);

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err, System.getenv()));
    }

    /** Reads a password from the terminal without echo; {@code null} when there is no terminal (CI, a pipe). */
    private static char[] readPassword(String prompt) {
        Console console = System.console();
        return console == null ? null : console.readPassword("%s", prompt);
    }

    /** Runs one command; returns its exit status (2 for an unknown command). */
    static int run(List<String> args, PrintStream out, PrintStream err, Map<String, String> environment) {
        if (args.isEmpty() || args.get(0).equals("help") || args.get(0).equals("--help") || args.get(0).equals("-h")) {
            out.println(USAGE);
            return 0;
        }
        String command = args.get(0);
        if (command.equals("lint")) {
            return Lint.run(args.subList(1, args.size()), out, err, environment);
        }
        if (command.equals("check")) {
            return Check.run(args.subList(1, args.size()), out, err, environment, Main::readPassword);
        }
        err.println("unknown command '" + command + "'");
        err.println(USAGE);
        return Lint.BAD_INPUT;
    }
}
