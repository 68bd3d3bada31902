package dev.jdbcguard.rules.sql;

/**
 * A fixed set of upper-case keywords that a word token is looked up in with one probe of its
 * {@link Tokens#wordHash}: the classifier asks "is this token one of these forty words?" at most
 * tokens, and a probe costs the same whatever the set's size. Immutable, so shared by every thread.
 */
final class Keywords {

    /** Open addressing on the keyword's hash, linear probing; null marks a free slot (at least half are). */
    private final String[] table;
    /**
     * Each slot's keyword hash, beside {@link #table}: a probe reads one int array, and a keyword string (its own
     * cache line, cold after each socket wait) only when the hashes agree.
     */
    private final int[] hashes;
    private final int mask;

    Keywords(String... words) {
        int size = Integer.highestOneBit(Math.max(words.length, 1) * 2 - 1) << 1;
        table = new String[size];
        hashes = new int[size];
        mask = size - 1;
        for (String word : words) {
            int slot = slot(word.hashCode());
            while (table[slot] != null && !table[slot].equals(word)) {
                slot = (slot + 1) & mask;
            }
            table[slot] = word;
            hashes[slot] = word.hashCode();
        }
    }

    /** True when token {@code i} of {@code tokens} exists and is one of these words, in any case. */
    boolean contains(Tokens tokens, int i) {
        if (i < 0 || i >= tokens.count || tokens.type[i] != Tokens.WORD) {
            return false;
        }
        int hash = tokens.wordHash[i];
        for (int slot = slot(hash); ; slot = (slot + 1) & mask) {
            String word = table[slot];
            if (word == null) {
                return false;
            }
            if (hashes[slot] == hash && tokens.spells(i, word)) {
                return true;
            }
        }
    }

    private int slot(int hash) {
        return (hash ^ hash >>> 16) & mask;
    }
}
