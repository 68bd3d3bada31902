package dev.jdbcguard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The driver's packages import each other one way: no package, through any chain of imports, imports itself. Read
 * from the compiled classes with the JDK's own {@code jdeps}, so every reference counts, not only import lines.
 *
 * <p>The root package {@code dev.jdbcguard} is two things by design: the public API values every detector hands its
 * findings to ({@link Finding}, {@link FindingListener}, {@link GuardListeners}, ...), which depend on nothing else
 * of the driver, and the entry points a user names ({@link GuardDriver}, {@link GuardDataSource}), which depend on
 * everything. They are two nodes here; a loop through either is still a loop.
 */
class PackageLoopsTest {

    private static final String ROOT = "dev.jdbcguard";
    private static final Set<String> ENTRY_POINTS = Set.of(GuardDriver.class.getName(), GuardDataSource.class.getName());
    /** {@code   dev.jdbcguard.driver.plan.UnindexedDetector -> dev.jdbcguard.driver.query.FindingSink  classes} */
    private static final Pattern EDGE = Pattern.compile("^\\s+(dev\\.jdbcguard\\.\\S+)\\s+->\\s+(dev\\.jdbcguard\\.\\S+)\\s");

    @Test
    void noPackageOfTheDriverReachesItselfThroughItsImports() throws Exception {
        Map<String, Set<String>> graph = new TreeMap<>();
        Map<String, Set<String>> why = new HashMap<>();
        for (String line : jdeps(classes()).split("\n")) {
            Matcher edge = EDGE.matcher(line);
            if (!edge.find()) {
                continue;
            }
            String from = node(edge.group(1));
            String to = node(edge.group(2));
            if (from == null || to == null || from.equals(to)) {
                continue;
            }
            graph.computeIfAbsent(from, k -> new TreeSet<>()).add(to);
            why.computeIfAbsent(from + " -> " + to, k -> new TreeSet<>())
                    .add(simple(edge.group(1)) + " -> " + simple(edge.group(2)));
        }
        assertThat(graph).as("jdeps found the driver's packages").containsKey(ROOT + " (entry points)");

        List<String> loops = new ArrayList<>();
        for (Set<String> component : stronglyConnected(graph)) {
            StringBuilder loop = new StringBuilder(String.join(" <-> ", component)).append(", through:");
            for (String from : component) {
                for (String to : graph.getOrDefault(from, Set.of())) {
                    if (component.contains(to)) {
                        loop.append("\n    ").append(from).append(" -> ").append(to).append(": ")
                                .append(why.get(from + " -> " + to));
                    }
                }
            }
            loops.add(loop.toString());
        }
        assertThat(loops).as("package loops").isEmpty();
    }

    /** A class's node: its package, with the root split in two; null for code that is not the driver's own. */
    private static String node(String className) {
        String outer = className.split("\\$", 2)[0];
        if (outer.startsWith(ROOT + ".shaded.") || outer.startsWith(ROOT + ".rules.")) {
            return null; // relocated libraries; the rules module, which cannot see the driver
        }
        String pkg = outer.substring(0, outer.lastIndexOf('.'));
        if (pkg.equals(ROOT)) {
            return ENTRY_POINTS.contains(outer) ? ROOT + " (entry points)" : ROOT + " (API)";
        }
        return pkg;
    }

    private static String simple(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static Path classes() throws URISyntaxException {
        return Path.of(GuardDriver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static String jdeps(Path classes) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("this JDK has no jdeps"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = jdeps.run(new PrintWriter(out), new PrintWriter(err), "-verbose:class", "-filter:none",
                "-e", "dev\\.jdbcguard\\..*", classes.toString());
        assertThat(exit).as("jdeps: %s", err).isZero();
        return out.toString();
    }

    /** Tarjan's algorithm; only components of more than one node (a node's edges to itself were never added). */
    private static List<Set<String>> stronglyConnected(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<Set<String>> components = new ArrayList<>();
        for (String start : graph.keySet()) {
            if (!index.containsKey(start)) {
                visit(start, graph, index, low, stack, onStack, components);
            }
        }
        return components.stream().filter(c -> c.size() > 1).collect(Collectors.toList());
    }

    private static void visit(String node, Map<String, Set<String>> graph, Map<String, Integer> index,
                              Map<String, Integer> low, Deque<String> stack, Set<String> onStack,
                              List<Set<String>> components) {
        index.put(node, index.size());
        low.put(node, index.get(node));
        stack.push(node);
        onStack.add(node);
        for (String next : graph.getOrDefault(node, Set.of())) {
            if (!index.containsKey(next)) {
                visit(next, graph, index, low, stack, onStack, components);
                low.put(node, Math.min(low.get(node), low.get(next)));
            } else if (onStack.contains(next)) {
                low.put(node, Math.min(low.get(node), index.get(next)));
            }
        }
        if (low.get(node).equals(index.get(node))) {
            Set<String> component = new TreeSet<>();
            String member;
            do {
                member = stack.pop();
                onStack.remove(member);
                component.add(member);
            } while (!member.equals(node));
            components.add(component);
        }
    }
}
