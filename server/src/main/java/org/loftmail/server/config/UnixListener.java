package org.loftmail.server.config;

import java.nio.file.Path;

/**
 * One {@code unix_listener PATH { mode user group }} of a service: a socket file with its
 * permissions ({@code mode} octal text, {@code user}/{@code group} null to keep Loft's own).
 */
public record UnixListener(String service, Path path, String mode, String user, String group, Origin origin) {
}
