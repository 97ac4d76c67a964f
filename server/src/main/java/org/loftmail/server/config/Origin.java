package org.loftmail.server.config;

/** Where a setting was written: a file and a 1-based line. */
public record Origin(String file, int line) {
    @Override
    public String toString() {
        return file + ":" + line;
    }
}
