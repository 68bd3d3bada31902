package dev.jdbcguard.driver.proxy.vendor;

/** A public vendor interface (test) whose only method comes from a package-private parent, as some drivers have. */
public interface Exposed extends Hidden {
}
