package org.loftmail.auth;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.loftmail.core.auth.AuthRequest;
import org.loftmail.core.auth.AuthResult;
import org.loftmail.core.auth.Authenticator;
import org.loftmail.core.auth.CredentialLookup;
import org.loftmail.core.auth.CredentialResult;
import org.loftmail.core.auth.Userdb;
import org.loftmail.core.auth.UserdbResult;
import org.loftmail.core.model.UserId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dovecot's auth core over the configured passdbs and userdbs, in order: one place that checks a
 * password or hands out a credential whatever the driver, applies the extra fields, resolves
 * master logins and asks the userdbs, so a chain of passwd-file and SQL, {@code username_format},
 * master users and CRAM-MD5/SCRAM all behave alike.
 * <ul>
 *   <li>Passdbs are asked in order; the next is asked when one does not know the user or the
 *   password does not match (Dovecot's {@code result_failure = continue}). If none accepts and one
 *   could not answer, the login is {@link AuthResult.Unavailable}, never a wrong password.</li>
 *   <li>{@code deny = yes} passdbs name users who may not log in at all.</li>
 *   <li>Master logins: {@code user*master} (with {@code auth_master_user_separator = *}) or SASL's
 *   authorization id. The master user's password is checked by the {@code master = yes} passdbs;
 *   with {@code pass = yes} the user must then also be known to a normal passdb (whose
 *   {@code nologin} applies), and in any case to the userdbs.</li>
 *   <li>After a login the userdbs are asked in order for the canonical name; {@code prefetch}
 *   uses the passdb's {@code userdb_*} fields. A user no userdb knows cannot log in. With no
 *   userdb configured, a user the passdbs know exists with the passdb's {@code userdb_*} fields.</li>
 *   <li>As a {@link #userdb() Userdb} (LMTP, the auth-userdb socket) there is no passdb result to prefetch
 *   from; a {@code static} userdb without {@code allow_all_users = yes}, and the chain without
 *   any userdb, ask the passdbs whether the user exists.</li>
 * </ul>
 */
public final class AuthChain implements Authenticator, CredentialLookup {
    private static final Logger LOG = LoggerFactory.getLogger(AuthChain.class);

    /** How a passdb section takes part: {@code master = yes}, {@code deny = yes}, or neither. */
    public enum Role { NORMAL, MASTER, DENY }

    /**
     * One {@code passdb { }} section.
     *
     * @param name what the log calls it, e.g. {@code passwd-file(/etc/loft/users)}
     * @param pass {@code pass = yes} on a master passdb: the user must also be known to a normal passdb
     */
    public record PassdbStep(String name, Passdb passdb, Role role, boolean pass) {
        public static PassdbStep normal(String name, Passdb passdb) {
            return new PassdbStep(name, passdb, Role.NORMAL, false);
        }
    }

    /**
     * One {@code userdb { }} section: a driver, or {@code prefetch} ({@code userdb} null).
     *
     * @param passdbChecksExistence the driver answers for any name ({@code static} without
     *                              {@code allow_all_users}), so outside a login the passdbs say who exists
     */
    public record UserdbStep(String name, Userdb userdb, boolean passdbChecksExistence) {
        public static UserdbStep prefetch() {
            return new UserdbStep("prefetch", null, false);
        }

        public static UserdbStep of(String name, Userdb userdb) {
            return new UserdbStep(name, userdb, false);
        }

        boolean isPrefetch() {
            return userdb == null;
        }
    }

    private final List<PassdbStep> passdbs;
    private final List<UserdbStep> userdbs;
    private final String masterSeparator;

    /** @param masterSeparator {@code auth_master_user_separator}; null or empty for none */
    public AuthChain(List<PassdbStep> passdbs, List<UserdbStep> userdbs, String masterSeparator) {
        this.passdbs = List.copyOf(passdbs);
        this.userdbs = List.copyOf(userdbs);
        this.masterSeparator = masterSeparator == null || masterSeparator.isEmpty() ? null : masterSeparator;
    }

    /** One passdb and no userdb: the passdb alone says who may log in. */
    public static AuthChain of(String name, Passdb passdb) {
        return new AuthChain(List.of(PassdbStep.normal(name, passdb)), List.of(), null);
    }

    /** True if some passdb is a master passdb, so master logins can succeed. */
    public boolean hasMasterPassdb() {
        return passdbs.stream().anyMatch(p -> p.role() == Role.MASTER);
    }

    /** Who logs in as whom: {@code master} null for an ordinary login. */
    private record Login(String user, String master) {
    }

    private Login split(String user, String loginAs) {
        if (!loginAs.isEmpty() && !loginAs.equals(user)) {
            return new Login(loginAs, user);
        }
        if (masterSeparator != null && hasMasterPassdb()) {
            int at = user.indexOf(masterSeparator);
            if (at > 0 && at + masterSeparator.length() < user.length()) {
                return new Login(user.substring(0, at), user.substring(at + masterSeparator.length()));
            }
        }
        return new Login(user, null);
    }

    @Override
    public AuthResult authenticate(AuthRequest request) {
        Login login = split(request.user(), request.loginAs());
        if (login.master() != null) {
            return masterLogin(request, login);
        }
        LookupVars vars = LookupVars.of(request);
        Optional<AuthResult> denied = denied(vars);
        if (denied.isPresent()) {
            return denied.get();
        }
        AuthResult last = new AuthResult.Failure("no passdb configured");
        String unavailable = null;
        for (PassdbStep step : passdbs) {
            if (step.role() != Role.NORMAL) {
                continue;
            }
            PassdbLookup found = step.passdb().lookup(vars);
            if (found instanceof PassdbLookup.Unavailable u) {
                LOG.warn("{}({}): passdb unavailable: {}", step.name(), request.user(), u.reason());
                unavailable = u.reason();
                continue;
            }
            if (found instanceof PassdbLookup.NotFound nf) {
                last = new AuthResult.Failure(nf.reason());
                continue;
            }
            Checked checked = verify(step, request, vars.user(), (PassdbLookup.Found) found);
            if (checked.result() instanceof AuthResult.Failure) {
                last = checked.result();
                continue;
            }
            if (!(checked.result() instanceof AuthResult.Success s)) {
                return checked.result();
            }
            return finishLogin(s.user(), request.service(), checked.fields(), true);
        }
        return unavailable != null ? new AuthResult.Unavailable(unavailable) : last;
    }

    private AuthResult masterLogin(AuthRequest request, Login login) {
        if (!hasMasterPassdb()) {
            return new AuthResult.Failure("authorization id differs and there is no master passdb");
        }
        LookupVars masterVars = new LookupVars(login.master(), request.service(), address(request.remote()), "");
        String unavailable = null;
        AuthResult last = new AuthResult.Failure("unknown master user");
        for (PassdbStep step : passdbs) {
            if (step.role() != Role.MASTER) {
                continue;
            }
            PassdbLookup found = step.passdb().lookup(masterVars);
            if (found instanceof PassdbLookup.Unavailable u) {
                unavailable = u.reason();
                continue;
            }
            if (found instanceof PassdbLookup.NotFound) {
                continue;
            }
            AuthResult r = verify(step, request, login.master(), (PassdbLookup.Found) found).result();
            if (r instanceof AuthResult.Failure) {
                last = r;
                continue;
            }
            if (!(r instanceof AuthResult.Success)) {
                return r;
            }
            LOG.info("master user {} logs in as {} (rip={})", login.master(), login.user(), address(request.remote()));
            return target(step, login.user(), request);
        }
        return unavailable != null ? new AuthResult.Unavailable(unavailable) : last;
    }

    /** The user a master user logs in as, once the master's credential was accepted. */
    private AuthResult target(PassdbStep master, String user, AuthRequest request) {
        LookupVars vars = new LookupVars(user, request.service(), address(request.remote()), "");
        if (!master.pass()) {
            return finishLogin(user, vars, Map.of(), false);
        }
        Existing e = existing(vars);
        if (e.unavailable() != null) {
            return new AuthResult.Unavailable(e.unavailable());
        }
        if (e.found() == null) {
            return new AuthResult.Failure("master login: unknown user " + user);
        }
        Map<String, String> fields = e.found().fields();
        if (fields.containsKey("nologin")) {
            return new AuthResult.Refused(fields.get("reason"));
        }
        if (!allowed(fields, request.remote())) {
            return new AuthResult.Failure("allow_nets check failed for " + request.remote());
        }
        return finishLogin(e.user(), vars.withUser(e.user()), fields, true);
    }

    /** A {@code deny = yes} passdb that knows the user refuses the login; empty when none does. */
    private Optional<AuthResult> denied(LookupVars vars) {
        for (PassdbStep step : passdbs) {
            if (step.role() != Role.DENY) {
                continue;
            }
            PassdbLookup found = step.passdb().lookup(vars);
            if (found instanceof PassdbLookup.Found) {
                return Optional.of(new AuthResult.Failure("denied by " + step.name()));
            }
            if (found instanceof PassdbLookup.Unavailable u) {
                return Optional.of(new AuthResult.Unavailable(u.reason()));
            }
        }
        return Optional.empty();
    }

    /** A verdict on one passdb entry, with the fields the userdbs may prefetch. */
    private record Checked(AuthResult result, Map<String, String> fields) {
    }

    private Checked verify(PassdbStep step, AuthRequest request, String user, PassdbLookup.Found found) {
        Map<String, String> fields = found.fields();
        if (!allowed(fields, request.remote())) {
            return new Checked(new AuthResult.Failure("allow_nets check failed for " + request.remote()), fields);
        }
        StoredPassword password = found.password();
        boolean noPassword = fields.containsKey("nopassword");
        if (noPassword && password != null) {
            // Dovecot's rule: the stored password wins, so a stray nopassword cannot open an account.
            LOG.warn("{}({}): nopassword set but a password is stored; checking the password", step.name(), user);
            noPassword = false;
        }
        if (!noPassword) {
            if (password == null) {
                return new Checked(new AuthResult.Failure("empty password returned without nopassword"), fields);
            }
            if (password.problem().isPresent()) {
                LOG.warn("{}({}): {}", step.name(), user, password.problem().get());
            }
            if (!password.matches(request.password())) {
                return new Checked(new AuthResult.Failure("password mismatch"), fields);
            }
        }
        if (fields.containsKey("nologin")) {
            // "Not allowed to log in even if the password matches", with its reason for the client.
            return new Checked(new AuthResult.Refused(fields.get("reason")), fields);
        }
        String canonical = renamed(user, fields);
        try {
            return new Checked(new AuthResult.Success(new UserId(canonical)), fields);
        } catch (IllegalArgumentException e) {
            return new Checked(new AuthResult.Failure("invalid user name '" + canonical + "': " + e.getMessage()), fields);
        }
    }

    private AuthResult finishLogin(UserId user, String service, Map<String, String> passdbFields, boolean known) {
        return finishLogin(user.name(), new LookupVars(user.name(), service, "", ""), passdbFields, known);
    }

    /** Asks the userdbs about a user who has proved who they are. */
    private AuthResult finishLogin(String user, LookupVars vars, Map<String, String> passdbFields, boolean known) {
        UserdbResult u = userdb(vars.withUser(user), prefetched(passdbFields), known);
        if (u instanceof UserdbResult.Found f) {
            return new AuthResult.Success(f.user(), f.fields());
        }
        if (u instanceof UserdbResult.Unavailable un) {
            return new AuthResult.Unavailable(un.reason());
        }
        LOG.info("userdb({}): user authenticated but unknown to the userdbs: login refused", user);
        return new AuthResult.Failure("user not found from userdb");
    }

    @Override
    public CredentialResult lookup(String user, String scheme) {
        Optional<PasswordScheme> target = PasswordScheme.byName(scheme);
        if (target.isEmpty()) {
            return new CredentialResult.Failure("unknown scheme " + scheme);
        }
        Login login = split(user, "");
        LookupVars vars = LookupVars.forUser(login.master() != null ? login.master() : login.user());
        if (login.master() == null) {
            Optional<AuthResult> denied = denied(vars);
            if (denied.isPresent()) {
                return denied.get() instanceof AuthResult.Unavailable u
                        ? new CredentialResult.Unavailable(u.reason()) : new CredentialResult.Failure("denied");
            }
        }
        Role role = login.master() != null ? Role.MASTER : Role.NORMAL;
        String unavailable = null;
        CredentialResult last = new CredentialResult.Failure("unknown user");
        for (PassdbStep step : passdbs) {
            if (step.role() != role) {
                continue;
            }
            PassdbLookup found = step.passdb().lookup(vars);
            if (found instanceof PassdbLookup.Unavailable u) {
                unavailable = u.reason();
                continue;
            }
            if (!(found instanceof PassdbLookup.Found f)) {
                continue;
            }
            Optional<String> credential = f.password() == null ? Optional.empty() : f.password().credential(target.get());
            if (credential.isEmpty()) {
                // Dovecot: a hash that cannot be turned into the mechanism's credential fails it here.
                last = new CredentialResult.Failure("password cannot be used for " + scheme);
                continue;
            }
            if (f.fields().containsKey("nologin") || f.fields().containsKey("allow_nets")) {
                // The client has proved nothing yet, so no reason is shown; allow_nets needs the
                // client's address, which a credential lookup does not have: refuse rather than guess.
                last = new CredentialResult.Failure(f.fields().containsKey("nologin") ? "nologin" : "allow_nets");
                continue;
            }
            AuthResult who = login.master() != null
                    ? target(step, login.user(), new AuthRequest(login.user(), "", "", null, true))
                    : finishLogin(renamed(vars.user(), f.fields()), vars, f.fields(), true);
            if (who instanceof AuthResult.Success s) {
                return new CredentialResult.Found(s.user(), credential.get());
            }
            if (who instanceof AuthResult.Unavailable u) {
                return new CredentialResult.Unavailable(u.reason());
            }
            return new CredentialResult.Failure(who instanceof AuthResult.Failure fl ? fl.reason() : "refused");
        }
        return unavailable != null ? new CredentialResult.Unavailable(unavailable) : last;
    }

    /** The chain as a {@link Userdb}: who exists, outside a login (LMTP, the auth-userdb socket). */
    public Userdb userdb() {
        return (user, service) -> userdb(new LookupVars(user, service, "", ""), Map.of(), false);
    }

    /**
     * @param prefetch the passdb's {@code userdb_*} fields, unprefixed; empty outside a login
     * @param known    the passdbs already know the user (a login), so no existence check is needed
     */
    private UserdbResult userdb(LookupVars vars, Map<String, String> prefetch, boolean known) {
        String user = vars.user();
        if (userdbs.isEmpty()) {
            if (!known) {
                Existing e = existing(vars);
                if (e.found() == null) {
                    return e.unavailable() != null ? new UserdbResult.Unavailable(e.unavailable()) : new UserdbResult.NotFound();
                }
                user = e.user();
                prefetch = prefetched(e.found().fields());
            }
            return found(user, prefetch);
        }
        String unavailable = null;
        for (UserdbStep step : userdbs) {
            if (step.isPrefetch()) {
                if (!prefetch.isEmpty()) {
                    return found(user, prefetch);
                }
                continue;
            }
            String name = user;
            if (step.passdbChecksExistence() && !known) {
                Existing e = existing(vars);
                if (e.unavailable() != null && e.found() == null) {
                    unavailable = e.unavailable();
                    continue;
                }
                if (e.found() == null) {
                    continue;
                }
                name = e.user();
            }
            UserdbResult r = step.userdb().lookup(name, vars.service());
            if (r instanceof UserdbResult.Found) {
                return r;
            }
            if (r instanceof UserdbResult.Unavailable u) {
                LOG.warn("{}({}): userdb unavailable: {}", step.name(), name, u.reason());
                unavailable = u.reason();
            }
        }
        return unavailable != null ? new UserdbResult.Unavailable(unavailable) : new UserdbResult.NotFound();
    }

    private static UserdbResult found(String user, Map<String, String> fields) {
        try {
            return new UserdbResult.Found(new UserId(user), fields);
        } catch (IllegalArgumentException e) {
            LOG.warn("userdb: invalid user name '{}': {}", user, e.getMessage());
            return new UserdbResult.NotFound();
        }
    }

    /** A normal passdb's entry for a name, without a password check; both null when none knows it. */
    private record Existing(String user, PassdbLookup.Found found, String unavailable) {
    }

    private Existing existing(LookupVars vars) {
        String unavailable = null;
        for (PassdbStep step : passdbs) {
            if (step.role() != Role.NORMAL) {
                continue;
            }
            PassdbLookup r = step.passdb().lookup(vars);
            if (r instanceof PassdbLookup.Found f) {
                return new Existing(renamed(vars.user(), f.fields()), f, null);
            }
            if (r instanceof PassdbLookup.Unavailable u) {
                unavailable = u.reason();
            }
        }
        return new Existing(null, null, unavailable);
    }

    /** The {@code user}, {@code username} and {@code domain} fields applied to the name, as Dovecot does. */
    private static String renamed(String user, Map<String, String> fields) {
        String out = user;
        for (String column : List.of("user", "username", "domain")) {
            String v = fields.get(column);
            if (v != null) {
                out = UserNames.rename(out, column, v);
            }
        }
        return out;
    }

    /** The {@code userdb_*} fields without their prefix, for {@code prefetch}. */
    private static Map<String, String> prefetched(Map<String, String> passdbFields) {
        Map<String, String> out = new LinkedHashMap<>();
        passdbFields.forEach((k, v) -> {
            if (k.startsWith("userdb_") && k.length() > 7) {
                out.put(k.substring(7), v);
            }
        });
        return out;
    }

    private static boolean allowed(Map<String, String> fields, InetAddress remote) {
        String allowNets = fields.get("allow_nets");
        if (allowNets == null) {
            return true;
        }
        if (remote == null) {
            return false;
        }
        for (String block : allowNets.split("[,\\s]+")) {
            if (block.isEmpty()) {
                continue;
            }
            try {
                if (Cidr.parse(block).contains(remote)) {
                    return true;
                }
            } catch (IllegalArgumentException e) {
                LOG.warn("allow_nets: {}", e.getMessage());
            }
        }
        return false;
    }

    private static String address(InetAddress a) {
        return a == null ? "" : a.getHostAddress();
    }

    /** For tests and logs: the sections in order. */
    @Override
    public String toString() {
        Map<String, Object> m = new HashMap<>();
        m.put("passdbs", passdbs.stream().map(PassdbStep::name).toList());
        m.put("userdbs", userdbs.stream().map(UserdbStep::name).toList());
        return "AuthChain" + m;
    }
}
