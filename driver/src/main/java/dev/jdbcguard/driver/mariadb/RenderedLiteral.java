package dev.jdbcguard.driver.mariadb;

/**
 * A bound value the target driver has already written as SQL text ({@code 'it\'s'}, {@code 12.50}). Whoever
 * puts it into a statement must check that it is one literal and nothing more.
 *
 * @param sql the driver's text for the value
 */
public record RenderedLiteral(String sql) {
}
