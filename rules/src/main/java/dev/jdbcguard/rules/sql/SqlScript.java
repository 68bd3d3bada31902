package dev.jdbcguard.rules.sql;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * Reads a SQL script statement by statement, the way the mysql client, Flyway and MyBatis' ScriptRunner run a file:
 * from a {@link Reader}, in one pass, holding only the statement being read.
 *
 * <ul>
 * <li>A {@code DELIMITER x} line (the keyword in any case, first on its line outside quotes and comments, then
 *     whitespace and the delimiter: a word, or a quoted string; the rest of the line is ignored) makes {@code x} end
 *     statements until the next such line; {@code DELIMITER ;} restores the default. The line itself is no
 *     statement, and a statement still open before it ends there, as the mysql client sends it.</li>
 * <li>A custom delimiter ends a statement wherever it appears outside quotes and comments (as in the mysql client,
 *     also inside a word: {@code END$$}); it is not part of the statement's text.</li>
 * <li>A {@code ;} ends a statement (and is part of its text) unless it lies in the {@code BEGIN ... END} body of a
 *     stored routine ({@link RoutineBlocks}), so a routine arrives whole with or without a custom delimiter, and
 *     several statements before one custom delimiter are read one by one (the server runs them one by one).</li>
 * <li>Quotes and comments follow the server's lexer ({@code SqlLexer}): {@code '..'} and {@code ".."} with backslash
 *     escapes (not in {@code x'..'}/{@code b'..'}), doubled quotes, backquoted names, {@code #} and {@code -- }
 *     comments ({@code --x} is no comment), {@code /* *}{@code /}; an executable comment's content
 *     ({@code /*!50503 .. *}{@code /}, {@code /*M! .. *}{@code /}) is code, as the server may run it.</li>
 * </ul>
 *
 * <p>Each {@link Piece} runs from the end of the previous one to its own end, so the comments before a statement
 * travel with it (a {@code guard:allow} there covers it); comments after the last {@code ;} before a delimiter line,
 * a custom delimiter or the end of the input belong to that last statement. Text without code (only comments) is no
 * piece. Text left open at the end of the input (an unterminated quote or comment) is a piece, for the classifier to
 * call unreadable. Cost: constant work per char, memory of one statement (two when a {@code ;} is followed by
 * comments only), no regular expressions. Not thread-safe.
 */
public final class SqlScript {

    /**
     * One statement of the script.
     *
     * @param text   its text: the comments and blanks before it, the statement, its {@code ;} (a custom delimiter is
     *               left out)
     * @param offset where {@code text} starts in the input, in chars
     * @param line   the 1-based line {@code text} starts on
     * @param column the 1-based column (in chars) {@code text} starts at
     */
    public record Piece(String text, long offset, int line, int column) {

        public Piece {
            Objects.requireNonNull(text, "text");
        }

        /** The 1-based line of the char at {@code index} in {@link #text}. */
        public int lineOf(int index) {
            int result = line;
            for (int i = 0; i < index; i++) {
                if (text.charAt(i) == '\n') {
                    result++;
                }
            }
            return result;
        }

        /** The 1-based column of the char at {@code index} in {@link #text}. */
        public int columnOf(int index) {
            int lineStart = text.lastIndexOf('\n', index - 1);
            return lineStart < 0 ? column + index : index - lineStart;
        }
    }

    private static final String KEYWORD = "DELIMITER";
    /** How much of a DELIMITER line is read for its argument (within the read buffer); the rest is ignored too. */
    private static final int MAX_DELIMITER_LINE = 4096;
    private static final int MAX_KEPT_CAPACITY = 1 << 16;
    private static final int CODE = 0;
    private static final int QUOTED = 1;
    private static final int LINE_COMMENT = 2;
    private static final int BLOCK_COMMENT = 3;

    private final Reader in;
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;
    private boolean endOfInput;

    /** Input offset of {@code buffer[position]}, the line it is on and the offset of that line's first char. */
    private long offset;
    private int line = 1;
    private long lineOffset;

    private String delimiter = ";";
    private boolean customDelimiter;
    private StringBuilder text = new StringBuilder(256);
    private long textOffset;
    private int textLine = 1;
    private int textColumn = 1;
    /** The current piece has a char of code (not only blanks, comments and {@code ;}). */
    private boolean hasCode;
    /** A piece ended by {@code ;}, kept until code follows (or comments after it join it at a boundary). */
    private Piece held;
    private final ArrayDeque<Piece> ready = new ArrayDeque<>(2);
    private final RoutineBlocks blocks = new RoutineBlocks();

    private int state = CODE;
    private boolean executable;
    private char quote;
    private boolean backslashEscapes;
    /** Only blanks since the last newline, outside quotes and comments: where a DELIMITER line may start. */
    private boolean atLineStart = true;
    /** Where in {@link #text} the bare word being read starts, or -1. */
    private int wordStart = -1;
    /** The word chars being read belong to a {@code @variable}, not a keyword. */
    private boolean inVariable;

    public SqlScript(Reader in) {
        this.in = Objects.requireNonNull(in, "in");
    }

    /** The next statement, or null after the last. */
    public Piece next() throws IOException {
        while (ready.isEmpty() && !endOfInput) {
            if (available(1) == 0) {
                finish();
                break;
            }
            step();
        }
        return ready.poll();
    }

    private void step() throws IOException {
        char c = buffer[position];
        switch (state) {
            case QUOTED -> quoted(c);
            case LINE_COMMENT -> {
                if (c == '\n') {
                    state = CODE;
                    code(c);
                } else {
                    take();
                }
            }
            case BLOCK_COMMENT -> {
                if (c == '*' && peek(1) == '/') {
                    take();
                    state = CODE;
                }
                take();
            }
            default -> code(c);
        }
    }

    private void quoted(char c) throws IOException {
        take();
        if (c == '\\' && backslashEscapes) {
            if (available(1) > 0) {
                take();
            }
        } else if (c == quote) {
            if (peek(0) == quote) {
                take();
            } else {
                state = CODE;
            }
        }
    }

    private void code(char c) throws IOException {
        if (atLineStart && (c == 'd' || c == 'D') && delimiterLine()) {
            return;
        }
        if (customDelimiter && startsWith(delimiter)) {
            endWord();
            skip(delimiter.length());
            boundary();
            atLineStart = false; // "//DELIMITER ;" starts no DELIMITER line
            return;
        }
        if (c == '\n') {
            endWord();
            take();
            atLineStart = true;
            inVariable = false;
            return;
        }
        if (c <= ' ') {
            endWord();
            inVariable = false;
            take();
            return;
        }
        atLineStart = false;
        if (isWordChar(c) || inVariable && c == '.') {
            if (wordStart < 0 && !inVariable) {
                startCode();
                wordStart = text.length();
            }
            take();
            return;
        }
        boolean literalPrefix = wordStart >= 0 && text.length() - wordStart == 1 && c == '\'';
        char prefix = literalPrefix ? text.charAt(wordStart) : 0;
        endWord();
        inVariable = false;
        if (c == '\'' || c == '"' || c == '`') {
            startCode();
            blocks.token();
            state = QUOTED;
            quote = c;
            backslashEscapes = c != '`' && !(prefix == 'x' || prefix == 'X' || prefix == 'b' || prefix == 'B');
            take();
        } else if (c == '#') {
            state = LINE_COMMENT;
            take();
        } else if (c == '-' && peek(1) == '-' && (available(3) < 3 || isCommentSpace(peek(2)))) {
            state = LINE_COMMENT;
            skipIntoText(2);
        } else if (c == '/' && peek(1) == '*') {
            int code = executableCodeStart();
            if (code > 0) {
                executable = true;
                skipIntoText(code);
            } else {
                state = BLOCK_COMMENT;
                skipIntoText(2);
            }
        } else if (c == '*' && executable && peek(1) == '/') {
            executable = false;
            skipIntoText(2);
        } else if (c == ';') {
            take();
            if (hasCode && blocks.endsAtSemicolon()) {
                held = piece();
                startPiece();
            }
        } else {
            startCode();
            blocks.token();
            inVariable = c == '@';
            take();
            if (inVariable && peek(0) == '@') {
                take();
            }
        }
    }

    /** A {@code DELIMITER x} line at the current char: read and obeyed; false (nothing read) when it is none. */
    private boolean delimiterLine() throws IOException {
        int length = KEYWORD.length();
        if (available(length + 1) < length + 1 || !RoutineBlocks.is(new Window(), 0, length, KEYWORD)) {
            return false;
        }
        char after = peek(length);
        if (after != ' ' && after != '\t') {
            return false;
        }
        StringBuilder argument = new StringBuilder();
        int i = length;
        while (i < MAX_DELIMITER_LINE && available(i + 1) > i && peek(i) != '\n') {
            argument.append(peek(i));
            i++;
        }
        String value = delimiterValue(argument);
        if (value == null) {
            return false; // "DELIMITER" and blanks only: not the command; the classifier says why it is no SQL
        }
        endWord();
        boundary();
        skip(i);
        delimiter = value;
        customDelimiter = !value.equals(";");
        startPiece();
        return true;
    }

    /** The delimiter a DELIMITER line's argument names: its first word, or a quoted string; null when blank. */
    private static String delimiterValue(StringBuilder argument) {
        int from = 0;
        while (from < argument.length() && argument.charAt(from) <= ' ') {
            from++;
        }
        if (from == argument.length()) {
            return null;
        }
        char first = argument.charAt(from);
        if (first == '\'' || first == '"' || first == '`') {
            int close = argument.indexOf(String.valueOf(first), from + 1);
            if (close > from + 1) {
                return argument.substring(from + 1, close);
            }
        }
        int to = from;
        while (to < argument.length() && argument.charAt(to) > ' ') {
            to++;
        }
        return argument.substring(from, to);
    }

    /** The first char of code in the current piece releases the piece held before it: code follows it. */
    private void startCode() {
        if (!hasCode) {
            hasCode = true;
            blocks.reset();
            if (held != null) {
                ready.add(held);
                held = null;
            }
        }
    }

    /** A delimiter, a DELIMITER line or the end: the current piece ends here, whatever it holds. */
    private void boundary() {
        if (hasCode) {
            ready.add(piece());
        } else if (held != null) {
            ready.add(new Piece(held.text() + text, held.offset(), held.line(), held.column()));
        }
        held = null;
        startPiece();
    }

    private void finish() {
        endWord();
        if (state == QUOTED || state == BLOCK_COMMENT || executable) {
            startCode(); // left open: the classifier reports it unreadable
        }
        boundary();
        endOfInput = true;
    }

    private Piece piece() {
        return new Piece(text.toString(), textOffset, textLine, textColumn);
    }

    private void startPiece() {
        // reused: one builder per script, not per statement; one that grew for a huge statement is let go
        if (text.capacity() > MAX_KEPT_CAPACITY) {
            text = new StringBuilder();
        } else {
            text.setLength(0);
        }
        textOffset = offset;
        textLine = line;
        textColumn = (int) (offset - lineOffset) + 1;
        hasCode = false;
        wordStart = -1;
        inVariable = false;
        blocks.reset();
    }

    private void endWord() {
        if (wordStart >= 0) {
            blocks.word(text, wordStart, text.length());
            wordStart = -1;
        }
    }

    /**
     * When an executable comment ({@code /*!}, {@code /*!NNNNN}, {@code /*M!}, {@code /*M!NNNNNN}) opens here, how many
     * chars its marker takes; otherwise -1. As the server's lexer: a version of 5 or 6 digits is part of the marker.
     */
    private int executableCodeStart() throws IOException {
        int i = 2;
        if (available(i + 1) > i && peek(i) == 'M') {
            i++;
        }
        if (available(i + 1) <= i || peek(i) != '!') {
            return -1;
        }
        i++;
        int digits = 0;
        while (digits < 6 && available(i + digits + 1) > i + digits && isDigit(peek(i + digits))) {
            digits++;
        }
        return digits >= 5 ? i + digits : i;
    }

    private boolean startsWith(String s) throws IOException {
        if (available(s.length()) < s.length()) {
            return false;
        }
        for (int k = 0; k < s.length(); k++) {
            if (buffer[position + k] != s.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    // ---- input ------------------------------------------------------------------------------------------

    /** Makes up to {@code n} chars readable from {@code position}; how many are (fewer only at the end). */
    private int available(int n) throws IOException {
        if (limit - position >= n) {
            return n;
        }
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        }
        while (limit < Math.min(n, buffer.length)) {
            int read = in.read(buffer, limit, buffer.length - limit);
            if (read < 0) {
                break;
            }
            limit += read;
        }
        return Math.min(n, limit);
    }

    /** The char {@code k} ahead, or 0 past the end. */
    private char peek(int k) throws IOException {
        return available(k + 1) > k ? buffer[position + k] : 0;
    }

    /** Consumes the current char into the piece's text. */
    private void take() {
        char c = buffer[position];
        text.append(c);
        advance(c);
    }

    private void skipIntoText(int n) throws IOException {
        available(n);
        for (int k = 0; k < n && position < limit; k++) {
            take();
        }
    }

    /** Consumes {@code n} chars that are no part of any piece (a delimiter, a DELIMITER line). */
    private void skip(int n) throws IOException {
        available(n);
        for (int k = 0; k < n && position < limit; k++) {
            advance(buffer[position]);
        }
    }

    private void advance(char c) {
        position++;
        offset++;
        if (c == '\n') {
            line++;
            lineOffset = offset;
        }
    }

    /** The unread input as a char sequence, for keyword comparison without copying. */
    private final class Window implements CharSequence {
        @Override
        public int length() {
            return limit - position;
        }

        @Override
        public char charAt(int index) {
            return buffer[position + index];
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new String(buffer, position + start, end - start);
        }
    }

    private static boolean isCommentSpace(char c) {
        return c <= ' ' || c == 0x7f;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isWordChar(char c) {
        return SqlLexer.isWordChar(c);
    }
}
