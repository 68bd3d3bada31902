/** What only mysql-connector-j offers: the query interceptor that carries the server status flags to the hook. */
package dev.jdbcguard.driver.mysql;
