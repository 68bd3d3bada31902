package dev.jdbcguard.rules.file;

import dev.jdbcguard.rules.Action;
import dev.jdbcguard.rules.Allow;
import dev.jdbcguard.rules.Mode;
import dev.jdbcguard.rules.Param;
import dev.jdbcguard.rules.ParamType;
import dev.jdbcguard.rules.Rule;
import dev.jdbcguard.rules.RuleCatalog;
import dev.jdbcguard.rules.Suggestions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads one rule file into a validated {@link RuleFile}. Works on snakeyaml-engine's node tree (not Java objects)
 * so every error can name the line and column of the offending node; every value is read as text and parsed by
 * the rule model's own parsers, so {@code off}, {@code 100_000} or {@code 30s} mean what the rule reference says
 * whatever YAML schema a reader assumes.
 */
final class RuleFileParser {

    static final String EXTENDS = "extends";
    static final String DESCRIPTION = "description";
    static final String MAX_ACTION = "max-action";
    static final String RULES = "rules";
    static final String TABLES = "tables";
    static final String INLINE_ALLOWS = "inline-allows";
    static final String MODE = "mode";
    static final String ALLOW = "allow";
    private static final List<String> TOP_LEVEL_KEYS = List.of(EXTENDS, DESCRIPTION, MAX_ACTION, INLINE_ALLOWS, MODE,
            RULES, TABLES, ALLOW);
    private static final String ALLOW_RULE = "rule";
    private static final String ALLOW_FINGERPRINT = "fingerprint";
    private static final String ALLOW_TABLE = "table";
    private static final String ALLOW_REASON = "reason";
    private static final List<String> ALLOW_KEYS = List.of(ALLOW_RULE, ALLOW_FINGERPRINT, ALLOW_TABLE, ALLOW_REASON);
    private static final String ACTION = "action";
    private static final String ACTIONS = "off, warn or block";

    private final String source;

    private RuleFileParser(String source) {
        this.source = source;
    }

    /** @throws RuleFileException for malformed YAML or anything the rule model does not accept */
    static RuleFile parse(String text, String source) {
        return new RuleFileParser(source).parse(text);
    }

    private RuleFile parse(String text) {
        Optional<Node> root;
        try {
            root = new Compose(LoadSettings.builder().setLabel(source).build()).composeString(text);
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
            throw new RuleFileException(source, mark.map(m -> m.getLine() + 1).orElse(0),
                    mark.map(m -> m.getColumn() + 1).orElse(0), "malformed YAML: " + e.getProblem(), e);
        } catch (YamlEngineException e) {
            throw new RuleFileException(source, 0, 0, "malformed YAML: " + e.getMessage(), e);
        }
        if (root.isEmpty()) {
            return new RuleFile(source, null, null, null, null, null, null, List.of(), List.of(), Map.of());
        }
        String extendsName = null;
        RuleFile.Position extendsPosition = null;
        Action maxAction = null;
        String description = null;
        Boolean inlineAllows = null;
        Mode mode = null;
        List<Allow> allows = List.of();
        List<RuleFile.Setting> rules = List.of();
        Map<String, List<RuleFile.Setting>> tables = Map.of();
        for (NodeTuple entry : mapping(root.get(), "a map with keys " + String.join(", ", TOP_LEVEL_KEYS))) {
            String key = key(entry);
            Node value = entry.getValueNode();
            switch (key) {
                case EXTENDS:
                    extendsName = scalar(value, "a profile name");
                    extendsPosition = new RuleFile.Position(line(value), column(value));
                    break;
                case DESCRIPTION:
                    description = scalar(value, "a description");
                    break;
                case MAX_ACTION:
                    maxAction = action(value);
                    break;
                case INLINE_ALLOWS:
                    inlineAllows = flag(value);
                    break;
                case MODE:
                    mode = mode(value);
                    break;
                case ALLOW:
                    allows = allows(value);
                    break;
                case RULES:
                    rules = settings(value, true);
                    break;
                case TABLES:
                    tables = tables(value);
                    break;
                default:
                    throw error(entry.getKeyNode(), "unknown key '" + key + "'"
                            + Suggestions.didYouMean(key, TOP_LEVEL_KEYS) + "; expected one of " + String.join(", ", TOP_LEVEL_KEYS));
            }
        }
        return new RuleFile(source, extendsName, extendsPosition, maxAction, description, inlineAllows, mode, allows,
                rules, tables);
    }

    private Mode mode(Node node) {
        String text = scalar(node, "enforce or observe");
        Mode mode = Mode.parse(text);
        if (mode == null) {
            throw error(node, "expected enforce or observe, found '" + text + "'");
        }
        return mode;
    }

    /** {@code allow:}: a list of {@code {rule, fingerprint | table, reason}} maps. */
    private List<Allow> allows(Node node) {
        if (!(node instanceof SequenceNode)) {
            throw error(node, "expected a list of {rule: <id or prefix>, fingerprint: <fingerprint> or table: <name>,"
                    + " reason: <why it is accepted>}");
        }
        List<Allow> allows = new ArrayList<>();
        for (Node item : ((SequenceNode) node).getValue()) {
            Map<String, String> fields = new LinkedHashMap<>();
            Map<String, Node> nodes = new LinkedHashMap<>();
            for (NodeTuple entry : mapping(item, "a map with keys " + String.join(", ", ALLOW_KEYS))) {
                String key = key(entry);
                if (!ALLOW_KEYS.contains(key)) {
                    throw error(entry.getKeyNode(), "unknown key '" + key + "' in an allow entry"
                            + Suggestions.didYouMean(key, ALLOW_KEYS) + "; expected one of " + String.join(", ", ALLOW_KEYS));
                }
                fields.put(key, scalar(entry.getValueNode(), "a value for " + key).strip());
                nodes.put(key, entry.getValueNode());
            }
            String rule = fields.get(ALLOW_RULE);
            if (rule == null) {
                throw error(item, "an allow entry needs a rule (a rule id or prefix)");
            }
            if (!RuleCatalog.isIdOrPrefix(rule)) {
                throw error(nodes.get(ALLOW_RULE), RuleCatalog.unknownIdMessage(rule));
            }
            if (fields.containsKey(ALLOW_FINGERPRINT) == fields.containsKey(ALLOW_TABLE)) {
                throw error(item, "an allow entry names either a fingerprint or a table, not "
                        + (fields.containsKey(ALLOW_TABLE) ? "both" : "neither"));
            }
            if (!fields.containsKey(ALLOW_REASON)) {
                throw error(item, "an allow entry needs a reason: why the finding is accepted");
            }
            allows.add(new Allow(rule, fields.get(ALLOW_FINGERPRINT), fields.get(ALLOW_TABLE), fields.get(ALLOW_REASON),
                    source + ":" + line(item) + ":" + column(item)));
        }
        return List.copyOf(allows);
    }

    private Map<String, List<RuleFile.Setting>> tables(Node node) {
        Map<String, List<RuleFile.Setting>> tables = new LinkedHashMap<>();
        for (NodeTuple entry : mapping(node, "a map from table name to {rule-id: action}")) {
            String table = ParamType.normalizeTable(key(entry));
            if (table.isEmpty()) {
                throw error(entry.getKeyNode(), "expected a table name");
            }
            tables.put(table, settings(entry.getValueNode(), false));
        }
        return tables;
    }

    /** A {@code rules:} map (actions or maps with parameters) or a per-table map (actions only). */
    private List<RuleFile.Setting> settings(Node node, boolean withParams) {
        List<RuleFile.Setting> settings = new ArrayList<>();
        for (NodeTuple entry : mapping(node, "a map from rule id to " + (withParams ? "an action or a map" : ACTIONS))) {
            String id = key(entry);
            if (!RuleCatalog.isIdOrPrefix(id)) {
                throw error(entry.getKeyNode(), RuleCatalog.unknownIdMessage(id));
            }
            Node value = entry.getValueNode();
            if (value instanceof MappingNode && withParams) {
                settings.add(ruleMap(id, (MappingNode) value));
            } else if (value instanceof ScalarNode && !((ScalarNode) value).getValue().isBlank()) {
                settings.add(new RuleFile.Setting(id, action(value), Map.of()));
            } else {
                throw error(value, "expected " + (withParams ? ACTIONS + ", or a map with 'action' and parameters," : ACTIONS)
                        + " for " + id);
            }
        }
        return settings;
    }

    private RuleFile.Setting ruleMap(String id, MappingNode node) {
        List<Rule> covered = RuleCatalog.rulesUnder(id);
        Action action = null;
        Map<String, Object> params = new LinkedHashMap<>();
        for (NodeTuple entry : mapping(node, "a map")) {
            String name = key(entry);
            Node value = entry.getValueNode();
            if (name.equals(ACTION)) {
                action = action(value);
                continue;
            }
            Param param = param(covered, name);
            if (param == null) {
                Set<String> known = new HashSet<>();
                known.add(ACTION);
                covered.forEach(rule -> rule.params().forEach(p -> known.add(p.name())));
                throw error(entry.getKeyNode(), "unknown parameter '" + name + "' for " + id
                        + Suggestions.didYouMean(name, known) + "; expected one of " + String.join(", ", new java.util.TreeSet<>(known)));
            }
            params.put(name, paramValue(param, value, id));
        }
        return new RuleFile.Setting(id, action, params);
    }

    /**
     * The parameter {@code name} of the rules under a key. Under a prefix, every rule that declares it must declare
     * the same type, or a value could mean two things.
     */
    private static Param param(List<Rule> covered, String name) {
        Param found = null;
        for (Rule rule : covered) {
            Param param = rule.param(name);
            if (param != null) {
                if (found != null && (found.type() != param.type() || !found.choices().equals(param.choices()))) {
                    throw new IllegalStateException("catalog declares '" + name + "' with two types");
                }
                found = param;
            }
        }
        return found;
    }

    private Object paramValue(Param param, Node value, String id) {
        try {
            if (value instanceof SequenceNode) {
                List<String> items = new ArrayList<>();
                for (Node item : ((SequenceNode) value).getValue()) {
                    items.add(scalar(item, param.expected()));
                }
                return param.parseList(items);
            }
            return param.parse(scalar(value, param.expected()));
        } catch (IllegalArgumentException e) {
            throw error(value, "bad value for " + id + " " + param.name() + ": " + e.getMessage()
                    + (e.getMessage().contains("expected") ? "" : "; expected " + param.expected()));
        }
    }

    private boolean flag(Node node) {
        String text = scalar(node, "true or false").trim();
        if (!text.equals("true") && !text.equals("false")) {
            throw error(node, "expected true or false, found '" + text + "'");
        }
        return Boolean.parseBoolean(text);
    }

    private Action action(Node node) {
        String text = scalar(node, ACTIONS);
        Action action = Action.parse(text);
        if (action == null) {
            throw error(node, "expected " + ACTIONS + ", found '" + text + "'");
        }
        return action;
    }

    private List<NodeTuple> mapping(Node node, String expected) {
        if (!(node instanceof MappingNode)) {
            throw error(node, "expected " + expected);
        }
        List<NodeTuple> entries = ((MappingNode) node).getValue();
        Set<String> seen = new HashSet<>();
        for (NodeTuple entry : entries) {
            String key = key(entry);
            if (!seen.add(key)) {
                throw error(entry.getKeyNode(), "duplicate key '" + key + "'");
            }
        }
        return entries;
    }

    private String key(NodeTuple entry) {
        return scalar(entry.getKeyNode(), "a plain key").trim();
    }

    private String scalar(Node node, String expected) {
        if (!(node instanceof ScalarNode) || ((ScalarNode) node).getValue().isBlank()) {
            throw error(node, "expected " + expected);
        }
        return ((ScalarNode) node).getValue();
    }

    private RuleFileException error(Node node, String problem) {
        return new RuleFileException(source, line(node), column(node), problem);
    }

    private static int line(Node node) {
        return node.getStartMark().map(mark -> mark.getLine() + 1).orElse(0);
    }

    private static int column(Node node) {
        return node.getStartMark().map(mark -> mark.getColumn() + 1).orElse(0);
    }
}
