/**
 * The {@code check} command: a read-only audit of a live server against the production checklist (TLS, connection
 * headroom, keys, engines, character sets, unindexed and slow statement shapes, long transactions, backups,
 * monitoring, SQL modes). {@link dev.jdbcguard.check.Check} is the entry; the rest is package-private.
 */
package dev.jdbcguard.check;
