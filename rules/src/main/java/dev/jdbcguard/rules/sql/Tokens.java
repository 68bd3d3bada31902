package dev.jdbcguard.rules.sql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The token stream of one SQL string, as parallel int arrays over the original text so that no
 * token costs an object or a substring. Filled by {@link SqlLexer}; read by the classifier and the
 * fingerprinter. Not thread-safe: each classification owns its own instance.
 */
final class Tokens {
    /** A bare word: keyword or unquoted identifier. */
    static final int WORD = 1;
    /** A backquoted identifier, quotes included in the range. */
    static final int QUOTED_ID = 2;
    /** A quoted string, including x'..', b'..', N'..'; also an unterminated one at the end. */
    static final int STRING = 3;
    /** A number, hex (0x..) or bit (0b..) literal. */
    static final int NUMBER = 4;
    /** A user or system variable: @x, @@x, @'x'. */
    static final int VARIABLE = 5;
    /** A JDBC placeholder {@code ?}. */
    static final int PARAM = 6;
    /** A single punctuation or operator char: ( ) , ; . * = + - ... */
    static final int PUNCT = 7;
    /** A multi-char operator: <= >= <> != <=> := || && << >> -> ->> */
    static final int OPERATOR = 8;

    final String sql;
    int count;
    int[] type;
    int[] start;
    int[] end;
    /**
     * Per {@link #WORD} token, the {@link String#hashCode()} of its upper-case form (ASCII letters folded), which
     * {@link #isWord} compares with the keyword's cached hash before any char: a keyword test that fails costs an int
     * compare, not a char loop. 0 for other tokens.
     */
    int[] wordHash;
    /**
     * Per token, true when it comes from a versioned executable comment ({@code /*!80000 ..*}{@code /}),
     * code that some servers skip; null until the first such token.
     */
    boolean[] conditional;
    /** Set by the lexer while it reads a versioned executable comment. */
    boolean inConditional;
    /** For each '(' the index of its ')', -1 when unmatched; computed on first use. */
    private int[] matching;
    /** Rule ids and prefixes named by guard:allow comments, or null when there was none. */
    Set<String> allowed;
    /** Each id of a guard:allow comment, in text order, with the char offset of its comment in {@link #allowOffsets}. */
    List<String> allowIds;
    List<Integer> allowOffsets;
    /** Why lexing stopped early, or null. */
    String error;
    int errorOffset = -1;

    Tokens(String sql) {
        this.sql = sql;
        int capacity = Math.min(sql.length() / 3 + 8, 1 << 16);
        type = new int[capacity];
        start = new int[capacity];
        end = new int[capacity];
        wordHash = new int[capacity];
    }

    /** Adds a {@link #WORD} token with its {@link #wordHash}. */
    void addWord(int from, int to) {
        int hash = 0;
        for (int k = from; k < to; k++) {
            hash = 31 * hash + upper(sql.charAt(k));
        }
        add(WORD, from, to);
        wordHash[count - 1] = hash;
    }

    private static char upper(char c) {
        return c >= 'a' && c <= 'z' ? (char) (c - ('a' - 'A')) : c;
    }

    void add(int tokenType, int from, int to) {
        if (count == type.length) {
            int capacity = count * 2;
            type = Arrays.copyOf(type, capacity);
            start = Arrays.copyOf(start, capacity);
            end = Arrays.copyOf(end, capacity);
            wordHash = Arrays.copyOf(wordHash, capacity);
        }
        if (inConditional) {
            if (conditional == null || conditional.length < type.length) {
                conditional = conditional == null ? new boolean[type.length] : Arrays.copyOf(conditional, type.length);
            }
            conditional[count] = true;
        }
        type[count] = tokenType;
        start[count] = from;
        end[count] = to;
        count++;
    }

    void allow(String ruleIdOrPrefix, int commentOffset) {
        if (allowed == null) {
            allowed = new LinkedHashSet<>();
            allowIds = new ArrayList<>();
            allowOffsets = new ArrayList<>();
        }
        allowed.add(ruleIdOrPrefix);
        allowIds.add(ruleIdOrPrefix);
        allowOffsets.add(commentOffset);
    }

    void fail(String reason, int offset) {
        error = reason + " at offset " + offset;
        errorOffset = offset;
    }

    /** True when token {@code i} comes from a versioned executable comment, which some servers skip. */
    boolean isConditional(int i) {
        return conditional != null && i < conditional.length && conditional[i];
    }

    /**
     * True when token {@code i} exists and is the word {@code upperKeyword}, in any case. Compares the token's
     * {@link #wordHash} with the keyword's hash (cached in the string) first, so a mismatch costs a few int reads;
     * the chars only when the hashes agree. No allocation.
     */
    boolean isWord(int i, String upperKeyword) {
        return i >= 0 && i < count && type[i] == WORD && wordHash[i] == upperKeyword.hashCode() && spells(i, upperKeyword);
    }

    /** True when word token {@code i}, upper-cased, is {@code upperKeyword}. */
    boolean spells(int i, String upperKeyword) {
        return RoutineBlocks.is(sql, start[i], end[i], upperKeyword);
    }

    /** True when token {@code i} exists and is the single char {@code c}. */
    boolean isPunct(int i, char c) {
        return i >= 0 && i < count && type[i] == PUNCT && sql.charAt(start[i]) == c;
    }

    /** True when token {@code i} can name a table or column: a word or a backquoted identifier. */
    boolean isName(int i) {
        return i >= 0 && i < count && (type[i] == WORD || type[i] == QUOTED_ID);
    }

    /** A literal value: string, number, hex/bit, or a placeholder standing for one. */
    boolean isLiteral(int i) {
        int t = type[i];
        return t == STRING || t == NUMBER || t == PARAM;
    }

    /** Appends token {@code i} as a normalised name: unquoted, doubled backquotes undone, lower-case. */
    void appendName(int i, StringBuilder out) {
        int from = start[i];
        int to = end[i];
        if (type[i] == QUOTED_ID) {
            from++;
            if (to - from > 0 && sql.charAt(to - 1) == '`') {
                to--;
            }
        }
        for (int k = from; k < to; k++) {
            char c = sql.charAt(k);
            if (c == '`' && type[i] == QUOTED_ID) {
                k++; // a doubled backquote stands for one
            }
            out.append(c < 0x80 ? (c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c) : Character.toLowerCase(c));
        }
    }

    /** The normalised name of token {@code i}; see {@link #appendName}. */
    String name(int i) {
        StringBuilder out = new StringBuilder(end[i] - start[i]);
        appendName(i, out);
        return out.toString();
    }

    /**
     * Index of the ')' matching the '(' at {@code open}, or {@code limit} when it is unmatched or lies
     * at or beyond {@code limit}. O(1) after one linear pass on the first call, so callers that skip
     * many groups stay linear even on unbalanced text.
     */
    int matchingParen(int open, int limit) {
        if (matching == null) {
            matching = matchParentheses();
        }
        int close = matching[open];
        return close < 0 || close >= limit ? limit : close;
    }

    private int[] matchParentheses() {
        int[] result = new int[count];
        int[] openStack = new int[count];
        int depth = 0;
        for (int i = 0; i < count; i++) {
            result[i] = -1;
            if (type[i] == PUNCT) {
                char c = sql.charAt(start[i]);
                if (c == '(') {
                    openStack[depth++] = i;
                } else if (c == ')' && depth > 0) {
                    result[openStack[--depth]] = i;
                }
            }
        }
        return result;
    }
}
