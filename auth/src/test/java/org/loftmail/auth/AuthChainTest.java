package org.loftmail.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.auth.AuthRequest;
import org.loftmail.core.auth.AuthResult;
import org.loftmail.core.auth.CredentialLookup;
import org.loftmail.core.auth.CredentialResult;
import org.loftmail.core.auth.SaslCramMd5;
import org.loftmail.core.auth.UserdbResult;
import org.loftmail.core.model.UserId;

/** Dovecot's auth core rules over real passwd-files: order, master users, deny, userdbs. */
class AuthChainTest {
    @TempDir
    Path dir;

    private PasswdFilePassdb passdb(String name, String... lines) throws IOException {
        return new PasswdFilePassdb(file(name, lines));
    }

    private PasswdFile file(String name, String... lines) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, String.join("\n", lines) + "\n");
        return new PasswdFile(f, PasswordScheme.CRYPT);
    }

    private static AuthResult login(AuthChain chain, String user, String password) {
        return chain.authenticate(new AuthRequest(user, password, "imap", InetAddress.getLoopbackAddress(), true));
    }

    private static AuthResult success(String user) {
        return new AuthResult.Success(new UserId(user));
    }

    private static final Passdb DOWN = vars -> new PassdbLookup.Unavailable("database down");

    @Test
    void passdbsAreAskedInOrderAndAnOutageIsNeverAWrongPassword() throws IOException {
        AuthChain chain = new AuthChain(List.of(AuthChain.PassdbStep.normal("down", DOWN),
                AuthChain.PassdbStep.normal("local", passdb("users", "ann:{PLAIN}ann-pw", "bob:{PLAIN}bob-pw"))),
                List.of(), null);
        // The second passdb accepts although the first could not answer.
        assertEquals(success("ann"), login(chain, "ann", "ann-pw"));
        // It rejects: since the first could not be asked, the answer is "try later", not "wrong".
        assertInstanceOf(AuthResult.Unavailable.class, login(chain, "ann", "wrong"));
        assertInstanceOf(AuthResult.Unavailable.class, login(chain, "nobody", "x"));

        AuthChain twoFiles = new AuthChain(List.of(
                AuthChain.PassdbStep.normal("a", passdb("a", "ann:{PLAIN}first")),
                AuthChain.PassdbStep.normal("b", passdb("b", "ann:{PLAIN}second", "cid:{PLAIN}cid-pw"))), List.of(), null);
        // A mismatch goes on to the next passdb (Dovecot's result_failure = continue).
        assertEquals(success("ann"), login(twoFiles, "ann", "first"));
        assertEquals(success("ann"), login(twoFiles, "ann", "second"));
        assertEquals(success("cid"), login(twoFiles, "cid", "cid-pw"));
        assertEquals(new AuthResult.Failure("password mismatch"), login(twoFiles, "ann", "third"));
    }

    @Test
    void usernameFormatKeysTheFileByTheLocalPartAndTheLoginKeepsItsDomain() throws IOException {
        PasswdFile users = file("users", "ann:{PLAIN}ann-pw");
        AuthChain chain = AuthChain.of("local", new PasswdFilePassdb(users, VariableTemplate.parse("%n")));
        assertEquals(success("ann@example.com"), login(chain, "ann@example.com", "ann-pw"));
        assertEquals(success("ann"), login(chain, "ann", "ann-pw"));
        assertInstanceOf(AuthResult.Failure.class, login(chain, "bob@example.com", "ann-pw"));
        // The credential for CRAM-MD5/SCRAM comes through the same renaming.
        CredentialResult r = chain.lookup("ann@example.com", CredentialLookup.CRAM_MD5);
        assertEquals(new UserId("ann@example.com"), ((CredentialResult.Found) r).user());
    }

    @Test
    void credentialsComeFromWhicheverPassdbCanGiveThem() throws IOException {
        String cram = PasswordScheme.CRAM_MD5.hash("ann-pw");
        AuthChain chain = new AuthChain(List.of(
                AuthChain.PassdbStep.normal("crypt", passdb("a", "ann:" + PasswordScheme.SHA512_CRYPT.hash("ann-pw"))),
                AuthChain.PassdbStep.normal("cram", passdb("b", "ann:" + cram))), List.of(), null);
        CredentialResult.Found found = (CredentialResult.Found) chain.lookup("ann", CredentialLookup.CRAM_MD5);
        byte[] challenge = "<1.2@host>".getBytes();
        // The credential found verifies a client that knows the password.
        assertEquals(true, SaslCramMd5.verify(found.credential(), challenge, hmacMd5("ann-pw", challenge)));
        assertInstanceOf(CredentialResult.Failure.class, chain.lookup("ann", CredentialLookup.SCRAM_SHA_256));
        AuthChain outage = new AuthChain(List.of(AuthChain.PassdbStep.normal("down", DOWN)), List.of(), null);
        assertInstanceOf(CredentialResult.Unavailable.class, outage.lookup("ann", CredentialLookup.CRAM_MD5));
    }

    @Test
    void denyPassdbsListUsersWhoMayNotLogIn() throws IOException {
        AuthChain chain = new AuthChain(List.of(
                new AuthChain.PassdbStep("deny", passdb("deny", "bob:"), AuthChain.Role.DENY, false),
                AuthChain.PassdbStep.normal("users", passdb("users", "ann:{PLAIN}ann-pw", "bob:{PLAIN}bob-pw"))),
                List.of(), null);
        assertEquals(success("ann"), login(chain, "ann", "ann-pw"));
        assertInstanceOf(AuthResult.Failure.class, login(chain, "bob", "bob-pw"));
        assertInstanceOf(CredentialResult.Failure.class, chain.lookup("bob", CredentialLookup.CRAM_MD5));
    }

    private AuthChain masters(boolean pass) throws IOException {
        return new AuthChain(List.of(
                new AuthChain.PassdbStep("masters", passdb("masters", "admin:{PLAIN}admin-pw"), AuthChain.Role.MASTER, pass),
                AuthChain.PassdbStep.normal("users", passdb("users", "ann:{PLAIN}ann-pw",
                        "carl:{PLAIN}carl-pw::::::nologin reason=moved"))),
                List.of(), "*");
    }

    @Test
    void aMasterUserLogsInAsAnyUserWithItsOwnPassword() throws IOException {
        AuthChain chain = masters(true);
        assertEquals(success("ann"), login(chain, "ann*admin", "admin-pw"));
        // SASL PLAIN's authorization id does the same.
        assertEquals(success("ann"), chain.authenticate(
                new AuthRequest("admin", "admin-pw", "imap", null, true, "ann")));
        assertInstanceOf(AuthResult.Failure.class, login(chain, "ann*admin", "ann-pw"));
        assertInstanceOf(AuthResult.Failure.class, login(chain, "ann*admin", "wrong"));
        // The master's name is not a user, and the user's password does not make a master.
        assertInstanceOf(AuthResult.Failure.class, login(chain, "admin", "admin-pw"));
        assertInstanceOf(AuthResult.Failure.class, login(chain, "admin*ann", "ann-pw"));
        // pass = yes: the user must exist in a normal passdb, and its nologin applies.
        assertInstanceOf(AuthResult.Failure.class, login(chain, "nobody*admin", "admin-pw"));
        assertEquals(new AuthResult.Refused("moved"), login(chain, "carl*admin", "admin-pw"));
        // An ordinary login still works.
        assertEquals(success("ann"), login(chain, "ann", "ann-pw"));
        // CRAM-MD5 with user*master takes the master's credential and opens the user's mail.
        CredentialResult r = chain.lookup("ann*admin", CredentialLookup.CRAM_MD5);
        assertEquals(new UserId("ann"), ((CredentialResult.Found) r).user());
    }

    @Test
    void withoutPassTheUserdbsSayWhoExists() throws IOException {
        AuthChain noPass = masters(false);
        // No userdb: the passdbs decide who exists.
        assertEquals(success("ann"), login(noPass, "ann*admin", "admin-pw"));
        assertInstanceOf(AuthResult.Failure.class, login(noPass, "nobody*admin", "admin-pw"));
    }

    @Test
    void withoutAMasterPassdbAnAuthorizationIdIsRefused() throws IOException {
        AuthChain chain = AuthChain.of("users", passdb("users", "ann:{PLAIN}ann-pw", "bob:{PLAIN}bob-pw"));
        assertInstanceOf(AuthResult.Failure.class,
                chain.authenticate(new AuthRequest("bob", "bob-pw", "imap", null, true, "ann")));
        // Without a master passdb the separator is an ordinary character of a name.
        assertInstanceOf(AuthResult.Failure.class, login(chain, "ann*bob", "bob-pw"));
    }

    @Test
    void staticUserdbFillsInVariablesAndAsksThePassdbsWhoExists() throws IOException {
        AuthChain chain = new AuthChain(List.of(AuthChain.PassdbStep.normal("users",
                passdb("users", "ann@example.com:{PLAIN}ann-pw"))),
                List.of(new AuthChain.UserdbStep("static", StaticUserdb.parse("uid=vmail gid=vmail home=/var/mail/%d/%n"), true)),
                null);
        assertEquals(new AuthResult.Success(new UserId("ann@example.com"),
                Map.of("uid", "vmail", "gid", "vmail", "home", "/var/mail/example.com/ann")),
                login(chain, "ann@example.com", "ann-pw"));
        UserdbResult ann = chain.userdb().lookup("ann@example.com", "lmtp");
        assertEquals("/var/mail/example.com/ann", ((UserdbResult.Found) ann).field("home").orElseThrow());
        assertInstanceOf(UserdbResult.NotFound.class, chain.userdb().lookup("nobody@example.com", "lmtp"));

        AuthChain everyone = new AuthChain(List.of(), List.of(new AuthChain.UserdbStep("static",
                StaticUserdb.parse("home=/srv/%u allow_all_users=yes"), false)), null);
        assertEquals(Map.of("home", "/srv/anyone"),
                ((UserdbResult.Found) everyone.userdb().lookup("anyone", "lmtp")).fields());
    }

    @Test
    void aUserNoUserdbKnowsCannotLogIn() throws IOException {
        PasswdFile users = file("users", "ann:{PLAIN}ann-pw:1000:1000::/home/ann::userdb_quota_rule=*:storage=1G",
                "bob:{PLAIN}bob-pw");
        PasswdFile userdbFile = file("userdb", "ann::1000:1000::/home/ann::userdb_mail=dbox:~/mail");
        AuthChain chain = new AuthChain(List.of(AuthChain.PassdbStep.normal("users", new PasswdFilePassdb(users))),
                List.of(AuthChain.UserdbStep.of("passwd-file", new PasswdFileUserdb(userdbFile, null))), null);
        assertEquals(new AuthResult.Success(new UserId("ann"),
                Map.of("uid", "1000", "gid", "1000", "home", "/home/ann", "mail", "dbox:~/mail")),
                login(chain, "ann", "ann-pw"));
        assertEquals(new AuthResult.Failure("user not found from userdb"), login(chain, "bob", "bob-pw"));
        assertInstanceOf(CredentialResult.Failure.class, chain.lookup("bob", CredentialLookup.CRAM_MD5));

        // prefetch first: the passdb's userdb_* fields, then the next userdb for users without any.
        AuthChain prefetch = new AuthChain(List.of(AuthChain.PassdbStep.normal("users", new PasswdFilePassdb(users))),
                List.of(AuthChain.UserdbStep.prefetch(),
                        new AuthChain.UserdbStep("static", StaticUserdb.parse("home=/srv/%u"), true)), null);
        assertEquals(new AuthResult.Success(new UserId("ann"), Map.of("quota_rule", "*:storage=1G")),
                login(prefetch, "ann", "ann-pw"));
        assertEquals(new AuthResult.Success(new UserId("bob"), Map.of("home", "/srv/bob")), login(prefetch, "bob", "bob-pw"));
        // Outside a login there is nothing to prefetch: the static userdb answers for users the passdb knows.
        assertEquals(Map.of("home", "/srv/ann"), ((UserdbResult.Found) prefetch.userdb().lookup("ann", "lmtp")).fields());
    }

    @Test
    void aUserdbOutageIsTemporary() throws IOException {
        AuthChain chain = new AuthChain(List.of(AuthChain.PassdbStep.normal("users", passdb("users", "ann:{PLAIN}ann-pw"))),
                List.of(AuthChain.UserdbStep.of("down", (user, service) -> new UserdbResult.Unavailable("down"))), null);
        assertInstanceOf(AuthResult.Unavailable.class, login(chain, "ann", "ann-pw"));
        assertInstanceOf(UserdbResult.Unavailable.class, chain.userdb().lookup("ann", "lmtp"));
    }

    @Test
    void nopasswordAllowNetsAndTheUserFieldApplyToPasswdFilesToo() throws IOException {
        AuthChain chain = AuthChain.of("users", passdb("users",
                "kiosk::::::: nopassword", "net:{PLAIN}net-pw::::::allow_nets=192.0.2.0/24",
                "Old:{PLAIN}old-pw::::::user=new"));
        assertEquals(success("kiosk"), login(chain, "kiosk", "anything"));
        assertInstanceOf(AuthResult.Failure.class, login(chain, "net", "net-pw"));
        assertEquals(success("net"), chain.authenticate(
                new AuthRequest("net", "net-pw", "imap", InetAddress.getByName("192.0.2.8"), true)));
        assertEquals(success("new"), login(chain, "Old", "old-pw"));
    }

    /** The client side of CRAM-MD5, with the JDK's HMAC. */
    private static String hmacMd5(String password, byte[] challenge) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacMD5");
            mac.init(new javax.crypto.spec.SecretKeySpec(password.getBytes(), "HmacMD5"));
            return java.util.HexFormat.of().formatHex(mac.doFinal(challenge));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
