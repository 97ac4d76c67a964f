package org.loftmail.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SaslBearerTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void oauthBearerAsRfc7628Section4ShowsIt() {
        assertEquals(new SaslBearer.Credential("user@example.com", "vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg=="),
                SaslBearer.decodeOAuthBearer(b("n,a=user@example.com,\u0001host=server.example.com\u0001port=143"
                        + "\u0001auth=Bearer vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg==\u0001\u0001")));
        assertEquals(new SaslBearer.Credential("", "tok"), SaslBearer.decodeOAuthBearer(b("n,,\u0001auth=Bearer tok\u0001\u0001")));
        assertEquals("a,b=c", SaslBearer.decodeOAuthBearer(b("n,a=a=2Cb=3Dc,\u0001auth=Bearer t\u0001\u0001")).user());
    }

    @Test
    void malformedOAuthBearerIsRefused() {
        assertNull(SaslBearer.decodeOAuthBearer(b("y,,\u0001auth=Bearer t\u0001\u0001")), "channel binding");
        assertNull(SaslBearer.decodeOAuthBearer(b("n,,\u0001host=x\u0001\u0001")), "no auth pair");
        assertNull(SaslBearer.decodeOAuthBearer(b("n,,\u0001auth=Basic dXNlcjpwdw==\u0001\u0001")), "not bearer");
        assertNull(SaslBearer.decodeOAuthBearer(b("n,,\u0001auth=Bearer t\u0001")), "unterminated");
        assertNull(SaslBearer.decodeOAuthBearer(new byte[] {'n', ',', ',', (byte) 0xff}), "not UTF-8");
    }

    @Test
    void xoauth2AsGoogleDocumentsIt() {
        assertEquals(new SaslBearer.Credential("someuser@example.com", "ya29.vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg"),
                SaslBearer.decodeXOAuth2(b("user=someuser@example.com\u0001auth=Bearer "
                        + "ya29.vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg\u0001\u0001")));
        assertNull(SaslBearer.decodeXOAuth2(b("user=x\u0001auth=Bearer \u0001\u0001")));
        assertNull(SaslBearer.decodeXOAuth2(b("usr=x\u0001auth=Bearer t\u0001\u0001")));
    }
}
