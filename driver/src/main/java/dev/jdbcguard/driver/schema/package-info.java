/**
 * The schema-aware DDL rules at run time: a DDL statement that runs through the guard is judged by the rules
 * {@code lint} applies ({@link dev.jdbcguard.rules.engine.SchemaRules}) against the live definition of the table it
 * changes, read from {@code information_schema} on the guard's own connection of the target and cached until a DDL
 * the guard lets through names the table ({@link dev.jdbcguard.driver.schema.LiveSchema}).
 */
package dev.jdbcguard.driver.schema;
