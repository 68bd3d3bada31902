/**
 * What only MariaDB Connector/J offers: the values bound to its prepared statements, so that a statement
 * with {@code ?} placeholders can be EXPLAINed as it runs ({@link dev.jdbcguard.driver.mariadb.MariaDbObjects}).
 */
package dev.jdbcguard.driver.mariadb;
