/**
 * Spring Boot support: {@code jdbc:guard:} URLs without a {@code driver-class-name}
 * ({@link dev.jdbcguard.driver.spring.GuardDriverClassNames}). Optional: only Spring Boot loads it,
 * through {@code META-INF/spring.factories}.
 */
package dev.jdbcguard.driver.spring;
