package org.loftmail.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** CRAM-MD5 and SCRAM against the RFCs' own examples. */
class SaslChallengeResponseTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /** The stored context of a password, computed as Dovecot's {@code {CRAM-MD5}} scheme does. */
    private static String context(String password) {
        byte[] key = java.util.Arrays.copyOf(b(password), 64);
        byte[] outer = new byte[64];
        byte[] inner = new byte[64];
        for (int i = 0; i < 64; i++) {
            outer[i] = (byte) (key[i] ^ 0x5c);
            inner[i] = (byte) (key[i] ^ 0x36);
        }
        byte[] out = new byte[32];
        Md5Block.writeState(Md5Block.compress(Md5Block.INITIAL, outer, 0), out, 0);
        Md5Block.writeState(Md5Block.compress(Md5Block.INITIAL, inner, 0), out, 16);
        return HexFormat.of().formatHex(out);
    }

    @Test
    void cramMd5Rfc2195Example() {
        byte[] challenge = b("<1896.697170952@postoffice.reston.mci.net>");
        SaslCramMd5.Response r = SaslCramMd5.decode(b("tim b913a602c7eda7a495b4e6e7334d3890"));
        assertEquals("tim", r.user());
        assertTrue(SaslCramMd5.verify(context("tanstaaftanstaaf"), challenge, r.digest()));
        assertFalse(SaslCramMd5.verify(context("tanstaaftanstaag"), challenge, r.digest()));
        assertNull(SaslCramMd5.decode(b("tim b913a602c7")));
        assertNull(SaslCramMd5.decode(b("b913a602c7eda7a495b4e6e7334d3890")));
    }

    @Test
    void cramMd5ChallengeIsUnique() {
        String c = s(SaslCramMd5.challenge("mail.example.org"));
        assertTrue(c.matches("<[0-9]+\\.[0-9]+@mail\\.example\\.org>"), c);
        assertFalse(c.equals(s(SaslCramMd5.challenge("mail.example.org"))));
    }

    /** RFC 5802's keys for "pencil", salt QSXCR+Q6sek8bf92, 4096 iterations, computed from the salted password. */
    private static String credential(SaslScram.Hash hash, byte[] salted, String salt) {
        byte[] clientKey = hash.hmac(salted, "Client Key");
        byte[] serverKey = hash.hmac(salted, "Server Key");
        Base64.Encoder e = Base64.getEncoder();
        return "4096," + salt + "," + e.encodeToString(hash.digest(clientKey)) + "," + e.encodeToString(serverKey);
    }

    private static byte[] pbkdf2(String mac, String password, String salt) throws Exception {
        javax.crypto.SecretKeyFactory f = javax.crypto.SecretKeyFactory.getInstance("PBKDF2With" + mac);
        int bits = mac.equals("HmacSHA1") ? 160 : 256;
        return f.generateSecret(new javax.crypto.spec.PBEKeySpec(password.toCharArray(),
                Base64.getDecoder().decode(salt), 4096, bits)).getEncoded();
    }

    @Test
    void scramSha1Rfc5802Example() throws Exception {
        String salt = "QSXCR+Q6sek8bf92";
        String cred = credential(SaslScram.Hash.SHA_1, pbkdf2("HmacSHA1", "pencil", salt), salt);
        SaslScram scram = new SaslScram(SaslScram.Hash.SHA_1, "3rfcNHYJY1ZVvWVs7j");
        assertEquals("user", scram.clientFirst(b("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL")));
        assertEquals("r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096",
                s(scram.serverFirst(cred)));
        assertEquals("v=rmF9pqV8S7suAoZWja4dJRkFsKQ=", s(scram.clientFinal(b(
                "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts="))));
    }

    @Test
    void scramSha256Rfc7677Example() throws Exception {
        String salt = "W22ZaJ0SNY7soEsUEjb6gQ==";
        String cred = credential(SaslScram.Hash.SHA_256, pbkdf2("HmacSHA256", "pencil", salt), salt);
        String serverNonce = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
        SaslScram scram = new SaslScram(SaslScram.Hash.SHA_256, serverNonce);
        assertEquals("user", scram.clientFirst(b("n,,n=user,r=rOprNGfwEbeRWgbNEkqO")));
        assertEquals("r=rOprNGfwEbeRWgbNEkqO" + serverNonce + ",s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",
                s(scram.serverFirst(cred)));
        assertEquals("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=", s(scram.clientFinal(b("c=biws,r=rOprNGfwEbeRWgbNEkqO"
                + serverNonce + ",p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="))));

        SaslScram wrong = new SaslScram(SaslScram.Hash.SHA_256, serverNonce);
        wrong.clientFirst(b("n,,n=user,r=rOprNGfwEbeRWgbNEkqO"));
        wrong.serverFirst(cred);
        assertNull(wrong.clientFinal(b("c=biws,r=rOprNGfwEbeRWgbNEkqO" + serverNonce
                + ",p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVA=")));
    }

    @Test
    void scramRefusesBindingAndMalformedMessages() {
        SaslScram scram = new SaslScram(SaslScram.Hash.SHA_256, "x");
        assertNull(scram.clientFirst(b("p=tls-unique,,n=user,r=abc")));
        assertNull(scram.clientFirst(b("n,,n=user")));
        assertNull(scram.clientFirst(b("n,a=other,n=user,r=abc")));
        assertNull(scram.clientFirst(b("n,,n=us=2Xer,r=abc")));
        assertEquals("u,s=er", scram.clientFirst(b("y,a=u=2Cs=3Der,n=u=2Cs=3Der,r=abc")));
        assertNull(scram.serverFirst("4096,salt"));
    }

    @Test
    void saslPrep() {
        assertEquals("pencil", SaslPrep.prepare("pencil"));
        assertEquals("IX ", SaslPrep.prepare("I\u00ADX\u00A0"));
        assertEquals("IX", SaslPrep.prepare("\u2168"));
        assertNull(SaslPrep.prepare("a\u0007"));
        assertNull(SaslPrep.prepare("a\uE000"));
    }
}
