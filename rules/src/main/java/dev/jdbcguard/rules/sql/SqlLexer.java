package dev.jdbcguard.rules.sql;

/**
 * Splits MySQL text into {@link Tokens} in one pass, the way the server's own lexer does under the
 * default sql_mode (backslash escapes on, ANSI_QUOTES off, so {@code "..."} is a string).
 *
 * <p>Comments ({@code #}, {@code -- }, {@code /* *}{@code /}, optimizer hints {@code /*+ *}{@code /})
 * produce no token; {@code guard:allow} lists inside them are collected. The content of an executable
 * comment ({@code /*! *}{@code /}, {@code /*!50700 *}{@code /}, MariaDB's {@code /*M! *}{@code /}) is
 * lexed as code whatever its version number, because the server may run it. An unterminated string,
 * identifier or comment stops lexing with {@link Tokens#error} set. Every step advances, so lexing is
 * linear in the length of the text and always ends.
 */
final class SqlLexer {
    private static final String ALLOW_MARKER = "guard:allow";

    private SqlLexer() {
    }

    static Tokens lex(String sql) {
        Tokens tokens = new Tokens(sql);
        int n = sql.length();
        int i = 0;
        boolean inExecutableComment = false;
        int executableCommentStart = -1;
        while (i < n && tokens.error == null) {
            char c = sql.charAt(i);
            if (c <= ' ') {
                i++;
            } else if (c == '\'' || c == '"') {
                i = quoted(tokens, i, c, true, Tokens.STRING, "unterminated string");
            } else if (c == '`') {
                i = quoted(tokens, i, c, false, Tokens.QUOTED_ID, "unterminated backquoted identifier");
            } else if (c == '#') {
                i = lineComment(tokens, i + 1);
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-' && (i + 2 == n || isCommentSpace(sql.charAt(i + 2)))) {
                i = lineComment(tokens, i + 2);
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int executableCode = executableCodeStart(sql, i);
                if (executableCode > 0) {
                    // Nested executable comments are not MySQL; one "*/" closes them all, as in the server.
                    if (!inExecutableComment) {
                        executableCommentStart = i;
                    }
                    inExecutableComment = true;
                    tokens.inConditional |= Character.isDigit(sql.charAt(executableCode - 1));
                    i = executableCode;
                } else {
                    i = blockComment(tokens, i);
                }
            } else if (c == '*' && inExecutableComment && i + 1 < n && sql.charAt(i + 1) == '/') {
                inExecutableComment = false;
                tokens.inConditional = false;
                i += 2;
            } else if (isWordStart(c) || c >= '0' && c <= '9') {
                i = wordOrNumber(tokens, i);
            } else if (c == '.' && i + 1 < n && isDigit(sql.charAt(i + 1)) && !followsName(tokens, i)) {
                i = wordOrNumber(tokens, i);
            } else if (c == '@') {
                i = variable(tokens, i);
            } else if (c == '?') {
                tokens.add(Tokens.PARAM, i, i + 1);
                i++;
            } else {
                int length = operatorLength(sql, i);
                tokens.add(length == 1 ? Tokens.PUNCT : Tokens.OPERATOR, i, i + length);
                i += length;
            }
        }
        if (tokens.error == null && inExecutableComment) {
            tokens.fail("unterminated executable comment", executableCommentStart);
        }
        return tokens;
    }

    /** MySQL: "--" starts a comment only when followed by whitespace or a control char. */
    private static boolean isCommentSpace(char c) {
        return c <= ' ' || c == 0x7f;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Identifier chars: ASCII letters, digits, '_', '$', and everything beyond ASCII (as MySQL allows). */
    static boolean isWordChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$' || c >= 0x80;
    }

    private static boolean isWordStart(char c) {
        return isWordChar(c) && !isDigit(c);
    }

    /** A '.' directly after a name ({@code t.1col}, {@code `t`.5}) qualifies it rather than starting a number. */
    private static boolean followsName(Tokens tokens, int i) {
        int last = tokens.count - 1;
        return last >= 0 && tokens.end[last] == i && (tokens.type[last] == Tokens.WORD || tokens.type[last] == Tokens.QUOTED_ID);
    }

    /**
     * Scans a quoted token from {@code open}: the quote doubled stands for itself, and with
     * {@code backslash} a backslash escapes the next char. Returns the index after the closing quote.
     */
    private static int quoted(Tokens tokens, int open, char quote, boolean backslash, int tokenType, String unterminated) {
        String sql = tokens.sql;
        int n = sql.length();
        int i = open + 1;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\\' && backslash) {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < n && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    tokens.add(tokenType, open, i + 1);
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        tokens.add(tokenType, open, n);
        tokens.fail(unterminated, open);
        return n;
    }

    private static int lineComment(Tokens tokens, int contentStart) {
        String sql = tokens.sql;
        int endOfLine = sql.indexOf('\n', contentStart);
        int end = endOfLine < 0 ? sql.length() : endOfLine;
        collectAllowed(tokens, contentStart, end);
        return end;
    }

    /** A comment from {@code open} ("/*"): returns the index after its "*&#47;", or fails. */
    private static int blockComment(Tokens tokens, int open) {
        String sql = tokens.sql;
        int close = sql.indexOf("*/", open + 2);
        if (close < 0) {
            tokens.fail("unterminated comment", open);
            return sql.length();
        }
        collectAllowed(tokens, open + 2, close);
        return close + 2;
    }

    /**
     * When the comment at {@code open} is executable ("/*!", "/*!NNNNN", "/*M!", "/*M!NNNNNN"),
     * the index where its code starts; otherwise -1.
     */
    private static int executableCodeStart(String sql, int open) {
        int n = sql.length();
        int i = open + 2;
        if (i < n && sql.charAt(i) == 'M') {
            i++;
        }
        if (i >= n || sql.charAt(i) != '!') {
            return -1;
        }
        i++;
        int digits = 0;
        while (i + digits < n && digits < 6 && isDigit(sql.charAt(i + digits))) {
            digits++;
        }
        return digits >= 5 ? i + digits : i;
    }

    private static int wordOrNumber(Tokens tokens, int from) {
        String sql = tokens.sql;
        int n = sql.length();
        char first = sql.charAt(from);
        if (first == '0' && from + 2 < n && (sql.charAt(from + 1) == 'x' || sql.charAt(from + 1) == 'b')) {
            int i = from + 2;
            while (i < n && isWordChar(sql.charAt(i))) {
                i++;
            }
            // 0x1F and 0b101 are literals; 0xZZ or 0b12 are identifiers, as in MySQL.
            if (isRadixLiteral(sql, from + 2, i, sql.charAt(from + 1) == 'x')) {
                tokens.add(Tokens.NUMBER, from, i);
            } else {
                tokens.addWord(from, i);
            }
            return i;
        }
        if (isDigit(first) || first == '.') {
            int i = number(sql, from);
            if (i >= n || !isWordChar(sql.charAt(i)) || !allDigits(sql, from, i)) {
                tokens.add(Tokens.NUMBER, from, i);
                return i;
            }
            // "1abc": MySQL reads an identifier that starts with digits.
        }
        int i = from;
        while (i < n && isWordChar(sql.charAt(i))) {
            i++;
        }
        if (i - from == 1 && i < n && sql.charAt(i) == '\'' && isLiteralPrefix(first)) {
            boolean hexOrBits = first == 'x' || first == 'X' || first == 'b' || first == 'B';
            quoted(tokens, i, '\'', !hexOrBits, Tokens.STRING, "unterminated string");
            return widenLast(tokens, from);
        }
        tokens.addWord(from, i);
        return i;
    }

    private static boolean allDigits(String sql, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isDigit(sql.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** x'..', b'..', n'..': a one-letter prefix that makes the following string one literal. */
    private static boolean isLiteralPrefix(char c) {
        return c == 'x' || c == 'X' || c == 'b' || c == 'B' || c == 'n' || c == 'N';
    }

    /** Extends the token just added to start at {@code from} (the literal's prefix letter). */
    private static int widenLast(Tokens tokens, int from) {
        int last = tokens.count - 1;
        tokens.start[last] = from;
        return tokens.end[last];
    }

    private static boolean isRadixLiteral(String sql, int from, int to, boolean hex) {
        if (from == to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = sql.charAt(i);
            boolean ok = hex ? isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' : c == '0' || c == '1';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Digits, an optional fraction and an optional exponent; returns the index after them. */
    private static int number(String sql, int from) {
        int n = sql.length();
        int i = from;
        while (i < n && isDigit(sql.charAt(i))) {
            i++;
        }
        if (i < n && sql.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(sql.charAt(i))) {
                i++;
            }
        }
        if (i < n && (sql.charAt(i) == 'e' || sql.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < n && (sql.charAt(j) == '+' || sql.charAt(j) == '-')) {
                j++;
            }
            if (j < n && isDigit(sql.charAt(j))) {
                i = j;
                while (i < n && isDigit(sql.charAt(i))) {
                    i++;
                }
            }
        }
        return i;
    }

    /** {@code @name}, {@code @@name}, {@code @'quoted'}, {@code @`quoted`}, {@code @"quoted"}. */
    private static int variable(Tokens tokens, int from) {
        String sql = tokens.sql;
        int n = sql.length();
        int i = from + 1;
        if (i < n && sql.charAt(i) == '@') {
            i++;
        }
        if (i < n && (sql.charAt(i) == '\'' || sql.charAt(i) == '"' || sql.charAt(i) == '`')) {
            char quote = sql.charAt(i);
            quoted(tokens, i, quote, quote != '`', Tokens.VARIABLE, "unterminated variable name");
            return widenLast(tokens, from);
        }
        while (i < n && (isWordChar(sql.charAt(i)) || sql.charAt(i) == '.')) {
            i++;
        }
        tokens.add(Tokens.VARIABLE, from, i);
        return i;
    }

    private static int operatorLength(String sql, int i) {
        int n = sql.length();
        char c = sql.charAt(i);
        char next = i + 1 < n ? sql.charAt(i + 1) : 0;
        switch (c) {
            case '<':
                if (next == '=' && i + 2 < n && sql.charAt(i + 2) == '>') {
                    return 3;
                }
                return next == '=' || next == '>' || next == '<' ? 2 : 1;
            case '>':
                return next == '=' || next == '>' ? 2 : 1;
            case '!':
            case ':':
                return next == '=' ? 2 : 1;
            case '|':
            case '&':
                return next == c ? 2 : 1;
            case '-':
                if (next == '>') {
                    return i + 2 < n && sql.charAt(i + 2) == '>' ? 3 : 2;
                }
                return 1;
            default:
                return 1;
        }
    }

    /**
     * Collects the ids after "guard:allow" in a comment's content [from, to): words of letters, digits,
     * '.', '-', '_' separated by commas or whitespace, up to the end of the comment or the first
     * other char. Ids are lower-cased; a trailing '.' is dropped ("ddl." means the prefix "ddl").
     */
    private static void collectAllowed(Tokens tokens, int from, int to) {
        String sql = tokens.sql;
        int marker = ALLOW_MARKER.length();
        for (int i = from; i + marker <= to; i++) {
            if ((sql.charAt(i) == 'g' || sql.charAt(i) == 'G') && sql.regionMatches(true, i, ALLOW_MARKER, 0, marker)
                    && (i + marker == to || !isIdChar(sql.charAt(i + marker)))) {
                collectIds(tokens, i + marker, to, i);
                i += marker - 1;
            }
        }
    }

    /** @param comment where the comment's marker is, which tells the classifier which statement it belongs to */
    private static void collectIds(Tokens tokens, int from, int to, int comment) {
        String sql = tokens.sql;
        int i = from;
        while (i < to) {
            char c = sql.charAt(i);
            if (c <= ' ' || c == ',') {
                i++;
                continue;
            }
            int idStart = i;
            while (i < to && isIdChar(sql.charAt(i))) {
                i++;
            }
            int idEnd = i;
            while (idEnd > idStart && sql.charAt(idEnd - 1) == '.') {
                idEnd--;
            }
            if (idEnd > idStart) {
                tokens.allow(sql.substring(idStart, idEnd).toLowerCase(java.util.Locale.ROOT), comment);
            }
            if (i == idStart) {
                return; // a char that cannot be part of an id list ends it
            }
        }
    }

    private static boolean isIdChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_';
    }
}
