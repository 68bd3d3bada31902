package dev.jdbcguard.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A printed report cut into its items: each item's status and its whole text, by id. */
final class ReportItems {

    private static final Pattern TEXT_ITEM = Pattern.compile("(?m)^(PASS|WARN|FAIL|UNKNOWN) +(\\S+) ");
    private static final Pattern JSON_ITEM = Pattern.compile("(?m)^    \\{\"id\": \"([^\"]+)\", \"status\": \"([a-z]+)\"");

    private final Map<String, String> statuses = new LinkedHashMap<>();
    private final Map<String, String> blocks = new LinkedHashMap<>();

    private ReportItems(String report, Pattern item, int idGroup, int statusGroup) {
        Matcher matcher = item.matcher(report);
        List<Integer> starts = new ArrayList<>();
        while (matcher.find()) {
            statuses.put(matcher.group(idGroup), matcher.group(statusGroup));
            starts.add(matcher.start());
        }
        List<String> ids = new ArrayList<>(statuses.keySet());
        for (int i = 0; i < ids.size(); i++) {
            int end = i + 1 < starts.size() ? starts.get(i + 1) : report.length();
            blocks.put(ids.get(i), report.substring(starts.get(i), end));
        }
    }

    static ReportItems text(String report) {
        return new ReportItems(report, TEXT_ITEM, 2, 1);
    }

    /** The JSON report, whose items are one per line. */
    static ReportItems json(String report) {
        return new ReportItems(report, JSON_ITEM, 1, 2);
    }

    List<String> ids() {
        return List.copyOf(statuses.keySet());
    }

    String status(String id) {
        if (!statuses.containsKey(id)) {
            throw new AssertionError("no item " + id + " in the report; items: " + statuses.keySet());
        }
        return statuses.get(id);
    }

    /** The item's lines: summary, evidence and fix. */
    String block(String id) {
        status(id);
        return blocks.get(id);
    }
}
