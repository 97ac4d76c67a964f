package org.loftmail.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.auth.CredentialLookup;
import org.loftmail.core.auth.CredentialResult;
import org.loftmail.core.auth.SaslCramMd5;
import org.loftmail.core.auth.SaslScram;

/** passwd-file as a {@link CredentialLookup}, and the SCRAM password schemes. */
class CredentialLookupTest {
    @TempDir
    Path dir;

    private PasswdFileAuthenticator passdb(String... lines) throws Exception {
        Path f = dir.resolve("passwd");
        Files.write(f, java.util.List.of(lines));
        return new PasswdFileAuthenticator(new PasswdFile(f, PasswordScheme.CRYPT));
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void scramSchemesVerifyAndKeepDovecotsFormat() {
        for (PasswordScheme s : new PasswordScheme[] {PasswordScheme.SCRAM_SHA_1, PasswordScheme.SCRAM_SHA_256}) {
            String hash = s.hash("pencil");
            assertTrue(hash.matches("\\{" + s.dovecotName() + "}4096,[A-Za-z0-9+/=]{24},[A-Za-z0-9+/=]+,[A-Za-z0-9+/=]+"), hash);
            StoredPassword p = StoredPassword.parse(hash, PasswordScheme.CRYPT);
            assertTrue(p.matches("pencil"));
            assertFalse(p.matches("pencik"));
        }
        assertTrue(StoredPassword.parse("{SCRAM-SHA-1}4096,abc", PasswordScheme.CRYPT).problem().isPresent());
    }

    /** What each stored form can give, and that the credentials work with the mechanisms. */
    @Test
    void storedScramAnswersTheRfcExample() throws Exception {
        PasswdFileAuthenticator db = passdb("user:{PLAIN}pencil", "u2:" + PasswordScheme.CRAM_MD5.hash("pencil"), "u3:" + PasswordScheme.SHA512_CRYPT.hash("pencil"),
                "u4:" + PasswordScheme.SCRAM_SHA_256.hash("pencil"), "u5:{PLAIN}pencil::::::nologin");
        CredentialResult r = db.lookup("user", CredentialLookup.SCRAM_SHA_1);
        String cred = ((CredentialResult.Found) r).credential();
        SaslScram scram = new SaslScram(SaslScram.Hash.SHA_1, "srv");
        scram.clientFirst(b("n,,n=user,r=cli"));
        assertNotNull(scram.serverFirst(cred));

        assertInstanceOf(CredentialResult.Found.class, db.lookup("u2", CredentialLookup.CRAM_MD5));
        assertInstanceOf(CredentialResult.Failure.class, db.lookup("u2", CredentialLookup.SCRAM_SHA_256));
        assertInstanceOf(CredentialResult.Failure.class, db.lookup("u3", CredentialLookup.CRAM_MD5));
        assertInstanceOf(CredentialResult.Found.class, db.lookup("u4", CredentialLookup.SCRAM_SHA_256));
        assertInstanceOf(CredentialResult.Failure.class, db.lookup("u4", CredentialLookup.SCRAM_SHA_1));
        assertInstanceOf(CredentialResult.Failure.class, db.lookup("u5", CredentialLookup.CRAM_MD5));
        assertInstanceOf(CredentialResult.Failure.class, db.lookup("nobody", CredentialLookup.CRAM_MD5));

        // The CRAM-MD5 context from {PLAIN} and from {CRAM-MD5} answer RFC 2195's example alike.
        PasswdFileAuthenticator tim = passdb("tim:{PLAIN}tanstaaftanstaaf", "tom:" + PasswordScheme.CRAM_MD5.hash("tanstaaftanstaaf"));
        byte[] challenge = b("<1896.697170952@postoffice.reston.mci.net>");
        for (String u : new String[] {"tim", "tom"}) {
            String ctx = ((CredentialResult.Found) tim.lookup(u, CredentialLookup.CRAM_MD5)).credential();
            assertEquals(64, ctx.length());
            assertTrue(SaslCramMd5.verify(ctx, challenge, "b913a602c7eda7a495b4e6e7334d3890"));
        }
    }
}
