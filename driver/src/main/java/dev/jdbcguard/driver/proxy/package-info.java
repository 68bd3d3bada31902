/**
 * The layer between the application and the target driver: {@link dev.jdbcguard.driver.proxy.Connector} connects
 * through the registered target driver ({@code TargetDrivers} finds it) with the hooks' connect sequence around it,
 * and wraps what it returns in the proxies: hand-written abstract bases holding only what the guard acts on,
 * completed per target class by generated final subclasses ({@link dev.jdbcguard.driver.proxy.ProxyFactory}: built
 * with the jar for the known drivers, by Byte Buddy at run time for any other).
 */
package dev.jdbcguard.driver.proxy;
