package dev.jdbcguard.rules.sql;

/**
 * The tokens of one SQL text exactly as the classifier lexes it (the server's reading under the
 * default sql_mode: comments dropped, executable comments read as code, quotes and escapes as
 * MySQL has them), for readers outside this package that need more than a
 * {@link Classification}: the EXPLAIN detector's table aliases and compared columns. One lexer
 * for every reader, so they can never disagree about where a string or comment ends.
 *
 * <p>Immutable after {@link #of}; reading a token allocates only its text or name. Lexing is
 * linear in the length of the text and stops at the first unterminated quote or comment
 * ({@link #error()}); an unterminated string or identifier is the last token, up to the end.
 */
public final class SqlTokens {

    /** What a token is. */
    public enum Kind {
        /** A bare word: keyword or unquoted identifier. */
        WORD,
        /** A backquoted identifier, quotes included in its text. */
        QUOTED_NAME,
        /** A quoted string, also x'..', b'..', N'..', and an unterminated one at the end. */
        STRING,
        /** A number, hex or bit literal. */
        NUMBER,
        /** A user or system variable ({@code @x}, {@code @@x}). */
        VARIABLE,
        /** A JDBC placeholder {@code ?}. */
        PLACEHOLDER,
        /** One punctuation or operator character: {@code ( ) , ; . * = < >} ... */
        PUNCTUATION,
        /** A multi-character operator: {@code <= >= <> != <=> :=} ... */
        OPERATOR
    }

    private static final Kind[] KINDS = {null, Kind.WORD, Kind.QUOTED_NAME, Kind.STRING, Kind.NUMBER, Kind.VARIABLE,
            Kind.PLACEHOLDER, Kind.PUNCTUATION, Kind.OPERATOR};

    private final Tokens tokens;

    private SqlTokens(Tokens tokens) {
        this.tokens = tokens;
    }

    /** Lexes {@code sql}; never throws for any text. */
    public static SqlTokens of(String sql) {
        return new SqlTokens(SqlLexer.lex(sql));
    }

    public int size() {
        return tokens.count;
    }

    public Kind kind(int i) {
        check(i);
        return KINDS[tokens.type[i]];
    }

    /** Offset of token {@code i}'s first character in the text. */
    public int start(int i) {
        check(i);
        return tokens.start[i];
    }

    /** Offset just past token {@code i}'s last character. */
    public int end(int i) {
        check(i);
        return tokens.end[i];
    }

    /** Token {@code i} as written. */
    public String text(int i) {
        check(i);
        return tokens.sql.substring(tokens.start[i], tokens.end[i]);
    }

    /** Token {@code i} as a name: backquotes removed (a doubled one kept once), lower-case. */
    public String name(int i) {
        check(i);
        return tokens.name(i);
    }

    /** Whether token {@code i} exists and is the word {@code upperKeyword}, in any case; allocates nothing. */
    public boolean isWord(int i, String upperKeyword) {
        return tokens.isWord(i, upperKeyword);
    }

    /** Why lexing stopped before the end of the text (with the offset), or null when it read it all. */
    public String error() {
        return tokens.error;
    }

    private void check(int i) {
        if (i < 0 || i >= tokens.count) {
            throw new IndexOutOfBoundsException("token " + i + " of " + tokens.count);
        }
    }
}
