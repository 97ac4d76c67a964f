package org.loftmail.server;

import java.nio.file.Path;
import java.util.List;
import org.loftmail.auth.PasswdFile;
import org.loftmail.auth.PasswdFileAuthenticator;
import org.loftmail.auth.PasswordFormat;
import org.loftmail.auth.PasswordScheme;
import org.loftmail.auth.oauth2.OAuth2Authenticator;
import org.loftmail.auth.sql.SqlDatabase;
import org.loftmail.auth.sql.SqlPassdb;
import org.loftmail.auth.sql.SqlSettings;
import org.loftmail.auth.sql.SqlSettingsException;
import org.loftmail.auth.oauth2.OAuth2ConfigException;
import org.loftmail.auth.oauth2.OAuth2Settings;
import org.loftmail.core.auth.AuthRequest;
import org.loftmail.core.auth.AuthResult;
import org.loftmail.core.auth.Authenticator;
import org.loftmail.core.auth.CredentialLookup;
import org.loftmail.core.model.UserId;
import org.loftmail.server.config.ConfigException;
import org.loftmail.server.config.PassdbSettings;

/** Builds the node's {@link Authenticator} from the {@code passdb} sections, tried in order. */
final class Passdbs {
    private Passdbs() {
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

    /**
     * What answers CRAM-MD5 and SCRAM: for now only a single passwd-file passdb keyed by the full
     * login name; null otherwise (a chain or {@code username_format=%n} would each need the same
     * lookup order and renaming as passwords), and then those mechanisms are not offered.
     */
    static CredentialLookup credentials(Authenticator passwords) {
        return passwords instanceof CredentialLookup ? (CredentialLookup) passwords : null;
    }

    /**
     * The password passdbs in order; database pools they open are added to {@code opened}, for the
     * node to close.
     */
    static Authenticator from(List<PassdbSettings> passdbs, List<AutoCloseable> opened) {
        if (passdbs.isEmpty()) {
            return request -> new AuthResult.Failure("no passdb configured");
        }
        List<Authenticator> chain = passdbs.stream().map(p -> one(p, opened)).toList();
        if (chain.size() == 1) {
            return chain.get(0);
        }
        // Like Dovecot: the next passdb is asked only when the user is unknown to this one.
        return request -> {
            AuthResult last = null;
            for (Authenticator a : chain) {
                last = a.authenticate(request);
                if (!(last instanceof AuthResult.Failure)) {
                    return last;
                }
            }
            return last;
        };
    }

    private static Authenticator one(PassdbSettings p, List<AutoCloseable> opened) {
        if (p.driver().equals("oauth2")) {
            // Tokens are not passwords: an oauth2 passdb answers only OAUTHBEARER/XOAUTH2.
            return request -> new AuthResult.Failure("no password passdb");
        }
        if (p.driver().equals("sql")) {
            SqlSettings sql;
            try {
                sql = SqlSettings.read(Path.of(p.args().trim()));
            } catch (SqlSettingsException e) {
                throw new ConfigException(p.origin(), e.getMessage());
            }
            SqlDatabase db = SqlDatabase.open(sql);
            opened.add(db);
            return new SqlPassdb(db, sql);
        }
        if (!p.driver().equals("passwd-file")) {
            throw new ConfigException(p.origin(), "passdb driver '" + p.driver()
                    + "' is not implemented yet (this release has passwd-file, sql and oauth2)");
        }
        // Dovecot's passwd-file default: a bare hash is whatever crypt(3) recognises.
        PasswordFormat scheme = PasswordFormat.of(PasswordScheme.CRYPT);
        String file = null;
        boolean localPart = false;
        for (String arg : p.args().trim().split("\\s+")) {
            if (arg.startsWith("username_format=")) {
                String f = arg.substring(16);
                if (!f.equals("%u") && !f.equals("%n") && !f.equals("%{user}") && !f.equals("%{username}")) {
                    throw new ConfigException(p.origin(), "passwd-file username_format " + f
                            + " is not supported (use %u or %n)");
                }
                localPart = f.equals("%n") || f.equals("%{username}");
            } else if (arg.startsWith("scheme=")) {
                try {
                    scheme = PasswordFormat.parse(arg.substring(7));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(p.origin(), e.getMessage());
                }
            } else if (arg.contains("=")) {
                throw new ConfigException(p.origin(), "passwd-file option '" + arg + "' is not supported");
            } else if (!arg.isEmpty()) {
                file = arg;
            }
        }
        if (file == null) {
            throw new ConfigException(p.origin(), "passwd-file needs a file name in args");
        }
        Authenticator byName = new PasswdFileAuthenticator(new PasswdFile(Path.of(file), scheme));
        if (!localPart) {
            return byName;
        }
        // username_format=%n: the file is keyed by the local part; the login keeps its domain.
        return request -> {
            int at = request.user().lastIndexOf('@');
            if (at < 0) {
                return byName.authenticate(request);
            }
            AuthResult r = byName.authenticate(new AuthRequest(request.user().substring(0, at), request.password(),
                    request.service(), request.remote(), request.secured()));
            return r instanceof AuthResult.Success ? new AuthResult.Success(new UserId(request.user())) : r;
        };
    }
}
