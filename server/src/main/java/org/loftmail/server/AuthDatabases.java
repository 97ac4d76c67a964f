package org.loftmail.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.loftmail.auth.AuthChain;
import org.loftmail.auth.Passdb;
import org.loftmail.auth.PasswdFile;
import org.loftmail.auth.PasswdFilePassdb;
import org.loftmail.auth.PasswdFileUserdb;
import org.loftmail.auth.PasswordFormat;
import org.loftmail.auth.PasswordScheme;
import org.loftmail.auth.StaticUserdb;
import org.loftmail.auth.VariableTemplate;
import org.loftmail.auth.oauth2.OAuth2Authenticator;
import org.loftmail.auth.oauth2.OAuth2ConfigException;
import org.loftmail.auth.oauth2.OAuth2Settings;
import org.loftmail.auth.sql.SqlDatabase;
import org.loftmail.auth.sql.SqlPassdb;
import org.loftmail.auth.sql.SqlSettings;
import org.loftmail.auth.sql.SqlSettingsException;
import org.loftmail.auth.sql.SqlUserdb;
import org.loftmail.core.auth.Authenticator;
import org.loftmail.server.config.ConfigException;
import org.loftmail.server.config.Origin;
import org.loftmail.server.config.PassdbSettings;
import org.loftmail.server.config.ServiceSettings;
import org.loftmail.server.config.UserdbSettings;

/**
 * Builds the node's {@link AuthChain} from the {@code passdb} and {@code userdb} sections, in
 * order, and the token checker of an oauth2 passdb. A passdb and a userdb reading the same
 * {@code dovecot-sql.conf.ext} share one connection pool, as Dovecot shares its connections.
 */
final class AuthDatabases {
    /** Pools by the settings file they were opened for. */
    private final Map<Path, SqlDatabase> pools = new HashMap<>();
    private final Map<Path, SqlSettings> sqlSettings = new HashMap<>();
    private final List<AutoCloseable> opened;

    private AuthDatabases(List<AutoCloseable> opened) {
        this.opened = opened;
    }

    /**
     * The passdbs and userdbs of {@code services}; database pools are added to {@code opened},
     * for the node to close.
     */
    static AuthChain chain(ServiceSettings services, List<AutoCloseable> opened) {
        AuthDatabases b = new AuthDatabases(opened);
        List<AuthChain.PassdbStep> passdbs = new ArrayList<>();
        for (PassdbSettings p : services.passdbs()) {
            if (p.driver().equals("oauth2")) {
                // Tokens are not passwords: an oauth2 passdb answers only OAUTHBEARER/XOAUTH2.
                continue;
            }
            AuthChain.Role role = p.master() ? AuthChain.Role.MASTER : p.deny() ? AuthChain.Role.DENY : AuthChain.Role.NORMAL;
            if (p.master() && p.deny()) {
                throw new ConfigException(p.origin(), "a passdb cannot be both master = yes and deny = yes");
            }
            if (p.pass() && !p.master()) {
                throw new ConfigException(p.origin(), "pass = yes only applies to a master = yes passdb");
            }
            passdbs.add(new AuthChain.PassdbStep(p.driver() + "(" + p.args().trim() + ")", b.passdb(p), role, p.pass()));
        }
        List<AuthChain.UserdbStep> userdbs = new ArrayList<>();
        for (UserdbSettings u : services.userdbs()) {
            userdbs.add(b.userdb(u));
        }
        return new AuthChain(passdbs, userdbs, services.auth().masterSeparator());
    }

    /**
     * The passdbs that check bearer tokens ({@code driver = oauth2}); null when there are none,
     * and then OAUTHBEARER and XOAUTH2 are not offered.
     */
    static Authenticator tokens(List<PassdbSettings> passdbs) {
        for (PassdbSettings p : passdbs) {
            if (p.driver().equals("oauth2")) {
                try {
                    return new OAuth2Authenticator(OAuth2Settings.parse(Path.of(p.args().trim())));
                } catch (OAuth2ConfigException e) {
                    throw new ConfigException(p.origin(), e.getMessage());
                }
            }
        }
        return null;
    }

    private Passdb passdb(PassdbSettings p) {
        switch (p.driver()) {
            case "sql":
                Path file = Path.of(p.args().trim());
                return new SqlPassdb(pool(file, p.origin()), sqlSettings.get(file));
            case "passwd-file":
                PasswdFileArgs a = PasswdFileArgs.parse(p.args(), p.origin(), true);
                return new PasswdFilePassdb(new PasswdFile(a.file(), a.scheme()), a.usernameFormat());
            default:
                throw new ConfigException(p.origin(), "passdb driver '" + p.driver()
                        + "' is not implemented yet (this release has passwd-file, sql and oauth2)");
        }
    }

    private AuthChain.UserdbStep userdb(UserdbSettings u) {
        String name = u.driver() + "(" + u.args().trim() + ")";
        switch (u.driver()) {
            case "prefetch":
                return AuthChain.UserdbStep.prefetch();
            case "static":
                StaticUserdb s;
                try {
                    s = StaticUserdb.parse(u.args());
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(u.origin(), e.getMessage());
                }
                return new AuthChain.UserdbStep(name, s, !s.allowAllUsers());
            case "sql":
                Path file = Path.of(u.args().trim());
                return AuthChain.UserdbStep.of(name, new SqlUserdb(pool(file, u.origin()), sqlSettings.get(file)));
            case "passwd-file":
                PasswdFileArgs a = PasswdFileArgs.parse(u.args(), u.origin(), false);
                return AuthChain.UserdbStep.of(name, new PasswdFileUserdb(new PasswdFile(a.file(), a.scheme()),
                        a.usernameFormat()));
            default:
                throw new ConfigException(u.origin(), "userdb driver '" + u.driver()
                        + "' is not implemented yet (this release has static, passwd-file, sql and prefetch)");
        }
    }

    private SqlDatabase pool(Path file, Origin origin) {
        SqlDatabase db = pools.get(file);
        if (db == null) {
            SqlSettings sql;
            try {
                sql = SqlSettings.read(file);
            } catch (SqlSettingsException e) {
                throw new ConfigException(origin, e.getMessage());
            }
            db = SqlDatabase.open(sql);
            opened.add(db);
            pools.put(file, db);
            sqlSettings.put(file, sql);
        }
        return db;
    }

    /** A passwd-file's args: {@code [scheme=S] [username_format=F] FILE}. */
    private record PasswdFileArgs(Path file, PasswordFormat scheme, VariableTemplate usernameFormat) {
        static PasswdFileArgs parse(String args, Origin origin, boolean passdb) {
            // Dovecot's passwd-file default: a bare hash is whatever crypt(3) recognises.
            PasswordFormat scheme = PasswordFormat.of(PasswordScheme.CRYPT);
            VariableTemplate format = null;
            String file = null;
            for (String arg : args.trim().split("\\s+")) {
                if (arg.startsWith("username_format=")) {
                    try {
                        format = VariableTemplate.parse(arg.substring(16));
                    } catch (IllegalArgumentException e) {
                        throw new ConfigException(origin, "passwd-file username_format: " + e.getMessage());
                    }
                } else if (arg.startsWith("scheme=") && passdb) {
                    try {
                        scheme = PasswordFormat.parse(arg.substring(7));
                    } catch (IllegalArgumentException e) {
                        throw new ConfigException(origin, e.getMessage());
                    }
                } else if (arg.contains("=")) {
                    throw new ConfigException(origin, "passwd-file option '" + arg + "' is not supported");
                } else if (!arg.isEmpty()) {
                    file = arg;
                }
            }
            if (file == null) {
                throw new ConfigException(origin, "passwd-file needs a file name in args");
            }
            return new PasswdFileArgs(Path.of(file), scheme, format);
        }
    }
}
