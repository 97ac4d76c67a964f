package org.loftmail.server.config;

import java.nio.file.Path;

/**
 * One {@code unix_listener PATH { mode user group }} of a service: a socket file with its
 * permissions ({@code mode} octal text, {@code user}/{@code group} null to keep Loft's own).
 * A relative name is a file in {@code base_dir}, as in Dovecot.
 *
 * @param userdb the auth service's {@code auth-userdb} or {@code auth-master} listener (or
 *               {@code type = userdb}/{@code master}): Dovecot's auth-master protocol, for user
 *               lookups; otherwise the auth-client protocol (SASL for MTAs)
 */
public record UnixListener(String service, Path path, String mode, String user, String group, boolean userdb,
                           Origin origin) {
    public UnixListener(String service, Path path, String mode, String user, String group, Origin origin) {
        this(service, path, mode, user, group, false, origin);
    }
}
