package org.loftmail.perf.load;

/** Log settings for the load tools' in-process server. */
final class LoadLogging {
    private LoadLogging() {
    }

    /**
     * The server logs every login at INFO; thousands a second would drown the report and cost the
     * console more than the server. Must run before the first logger is made; {@code
     * LOFT_LOG_LEVEL=INFO} (environment or -D) brings the log back.
     */
    static void quietServer() {
        if (System.getProperty("LOFT_LOG_LEVEL") == null && System.getenv("LOFT_LOG_LEVEL") == null) {
            System.setProperty("LOFT_LOG_LEVEL", "WARN");
        }
    }
}
