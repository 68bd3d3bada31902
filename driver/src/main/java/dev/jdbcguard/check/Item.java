package dev.jdbcguard.check;

import java.util.List;

/**
 * One checklist item's result.
 *
 * @param id       the item's stable id ({@code primary-keys}); reports and scripts key on it
 * @param status   how it came out
 * @param summary  one line: what was found
 * @param evidence the facts read from the server that back the status, one per line (tables, numbers, settings)
 * @param fix      what to do about a warn/fail, or what to grant or enable for an unknown; the same text for pass
 */
record Item(String id, Status status, String summary, List<String> evidence, String fix) {

    Item {
        evidence = List.copyOf(evidence);
    }
}
