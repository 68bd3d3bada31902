package dev.jdbcguard.driver.report;

/**
 * The findings report of one guard in JMX, registered as {@code dev.jdbcguard:type=Report,name=<name>} (the name of
 * the guard's metrics) when {@code guard.report} is set. Operations, not attributes, so a console that polls
 * attributes does not render the report every few seconds.
 */
public interface GuardReportMXBean {

    /** The report as of now, as its JSON document (schema version 1). */
    String reportJson();

    /**
     * Writes the report as of now to the files {@code guard.report} names.
     *
     * @return the HTML file written, as an absolute path
     */
    String writeReport();
}
