/**
 * The proxies: hand-written abstract bases holding only what the guard acts on, completed per
 * target class by Byte Buddy generated final subclasses ({@link dev.jdbcguard.driver.proxy.ProxyFactory}).
 */
package dev.jdbcguard.driver.proxy;
