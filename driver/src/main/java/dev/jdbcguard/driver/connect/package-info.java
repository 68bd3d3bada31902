/** The guarded connect sequence and the lookup of the target driver. */
package dev.jdbcguard.driver.connect;
