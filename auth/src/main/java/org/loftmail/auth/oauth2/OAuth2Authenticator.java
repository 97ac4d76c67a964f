package org.loftmail.auth.oauth2;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.loftmail.core.auth.AuthRequest;
import org.loftmail.core.auth.AuthResult;
import org.loftmail.core.auth.Authenticator;
import org.loftmail.core.model.UserId;

/**
 * {@code passdb { driver = oauth2 mechanisms = xoauth2 oauthbearer args = FILE }}: the bearer
 * token arrives in {@link AuthRequest#password()} (as Dovecot hands it to its oauth2 passdb), is
 * validated by a {@link JwtValidator} ({@code introspection_mode = local}) or by asking the OAuth2
 * server ({@code auth}, {@code get}, {@code post}, {@code tokeninfo_url}), and the user is the
 * {@code username_attribute} of the claims or the server's answer. A user the client named (XOAUTH2's
 * {@code user=}, OAUTHBEARER's optional {@code a=}) must be that same user, after
 * {@code username_format}. Failure reasons are for the log and never contain the token. A key
 * file that cannot be read, or a server that cannot be asked, is {@link AuthResult.Unavailable}.
 */
public final class OAuth2Authenticator implements Authenticator {
    private final OAuth2Settings settings;
    private final Function<String, Map<String, Object>> validator;

    public OAuth2Authenticator(OAuth2Settings settings) {
        this(settings, Clock.systemUTC());
    }

    /**
     * With a clock of the caller's choosing, for tests of expiry. Throws {@link OAuth2ConfigException}
     * when {@code tls_ca_cert_file} cannot be used.
     */
    public OAuth2Authenticator(OAuth2Settings settings, Clock clock) {
        this.settings = settings;
        if (settings.introspection() instanceof Introspection.Local) {
            this.validator = new JwtValidator(settings, clock)::validate;
        } else {
            try {
                this.validator = new HttpIntrospector(settings, clock)::validate;
            } catch (IllegalArgumentException e) {
                throw new OAuth2ConfigException(e.getMessage(), e);
            }
        }
    }

    @Override
    public AuthResult authenticate(AuthRequest request) {
        Map<String, Object> claims;
        try {
            claims = validator.apply(request.password());
        } catch (InvalidTokenException e) {
            return new AuthResult.Failure("oauth2: " + e.getMessage());
        } catch (UncheckedIOException e) {
            return new AuthResult.Unavailable("oauth2: " + e.getMessage());
        }
        Object claim = claims.get(settings.usernameAttribute());
        if (!(claim instanceof String) || ((String) claim).isEmpty()) {
            return new AuthResult.Failure("oauth2: token has no " + settings.usernameAttribute()
                    + " string claim (username_attribute)");
        }
        String user = format((String) claim);
        String asked = request.user() == null ? "" : request.user();
        if (!asked.isEmpty() && !format(asked).equals(user)) {
            return new AuthResult.Failure("oauth2: user " + InvalidTokenException.printable(asked)
                    + " does not match the token's " + settings.usernameAttribute() + " "
                    + InvalidTokenException.printable(user));
        }
        try {
            return new AuthResult.Success(new UserId(user));
        } catch (IllegalArgumentException e) {
            return new AuthResult.Failure("oauth2: invalid user name in the token: " + e.getMessage());
        }
    }

    /** {@code username_format}: Dovecot's default {@code %Lu} lowercases, {@code %u} keeps the name. */
    private String format(String name) {
        return settings.lowercaseUsername() ? name.toLowerCase(Locale.ROOT) : name;
    }
}
