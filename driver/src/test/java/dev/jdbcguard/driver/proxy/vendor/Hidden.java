package dev.jdbcguard.driver.proxy.vendor;

/** Package-private: code outside this package cannot call its methods. */
interface Hidden {
    String secret();
}
