/**
 * Reading MySQL text without a database: {@link dev.jdbcguard.rules.sql.SqlClassifier} splits a
 * string into statements and tells what each does ({@link dev.jdbcguard.rules.sql.StatementInfo}),
 * {@link dev.jdbcguard.rules.sql.Fingerprinter} groups statements that differ only in their values.
 *
 * <p>How the text is read, and why:
 * <ul>
 *   <li>As the server reads it under the default sql_mode: backslash escapes in strings, {@code "..."}
 *       is a string (not an identifier), {@code --} starts a comment only before whitespace or a
 *       control char. Under NO_BACKSLASH_ESCAPES or ANSI_QUOTES the server may split a string
 *       differently; the guard does not see the session's sql_mode.</li>
 *   <li>Executable comments ({@code /*!}, {@code /*!NNNNN}, MariaDB {@code /*M!}) are code, whatever
 *       the version, because some server runs them; a WHERE or LIMIT inside a versioned one is not
 *       counted as protection, because some server skips it.</li>
 *   <li>A statement the classifier cannot read (unterminated quote or comment, unbalanced
 *       parentheses, unknown first word, {@code DELIMITER}, a MariaDB {@code BEGIN NOT ATOMIC} block,
 *       a routine's {@code BEGIN} without {@code END}) is {@link dev.jdbcguard.rules.sql.StatementKind#UNPARSEABLE}
 *       with a reason naming the offset; the statements before it are still judged, since the server
 *       runs them before it fails.</li>
 *   <li>Prefixes that run the statement they carry are looked through: {@code EXPLAIN ANALYZE},
 *       MariaDB {@code ANALYZE} and {@code SET STATEMENT .. FOR}.</li>
 * </ul>
 *
 * <p>Everything here is pure, thread-safe and linear in the length of the text; nothing throws.
 */
package dev.jdbcguard.rules.sql;
