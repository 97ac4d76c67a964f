package org.loftmail.auth.oauth2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class JwsSignatureTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    @Test
    void derEncodingOfJoseSignatures() {
        // Leading zeros go, a set top bit gets a zero byte, zero stays one byte.
        assertArrayEquals(hex("3008" + "020201ff" + "02020080"), JwsSignature.derFromJose(hex("01ff" + "0080")));
        assertArrayEquals(hex("3006" + "020100" + "020101"), JwsSignature.derFromJose(hex("0000" + "0001")));
        // P-521: 66-byte halves with the top bit set need a long-form sequence length.
        byte[] rs = new byte[132];
        Arrays.fill(rs, (byte) 0xff);
        byte[] der = JwsSignature.derFromJose(rs);
        assertArrayEquals(hex("30818a" + "0243" + "00"), Arrays.copyOf(der, 6));
        assertEquals(3 + 2 * (2 + 67), der.length);
    }

    /** The JDK's P1363 (R||S) ECDSA is an independent encoder: every one of its signatures must verify. */
    @Test
    void jdkP1363SignaturesVerifyThroughOurDer() throws Exception {
        String[][] cases = {{"ES256", "secp256r1", "SHA256"}, {"ES384", "secp384r1", "SHA384"}, {"ES512", "secp521r1", "SHA512"}};
        for (String[] c : cases) {
            KeyPair kp = TestTokens.ec(c[1]);
            JwsAlgorithm alg = JwsAlgorithm.byName(c[0]);
            // Random R and S: about half have the top bit set; the fixed cases above cover leading zeros.
            for (int i = 0; i < 16; i++) {
                byte[] input = ("message " + i).getBytes(StandardCharsets.US_ASCII);
                byte[] sig = sign(c[2], kp, input);
                assertTrue(JwsSignature.verify(alg, kp.getPublic(), input, sig), c[0] + " #" + i);
            }
            assertFalse(JwsSignature.verify(alg, kp.getPublic(), "other".getBytes(StandardCharsets.US_ASCII),
                    JwsSignatureTest.sign(c[2], kp, "message".getBytes(StandardCharsets.US_ASCII))));
        }
    }

    private static byte[] sign(String hash, KeyPair kp, byte[] input) throws Exception {
        Signature s = Signature.getInstance(hash + "withECDSAinP1363Format");
        s.initSign(kp.getPrivate());
        s.update(input);
        return s.sign();
    }

    @Test
    void ecSignaturesOfTheWrongLengthFail() {
        KeyPair kp = TestTokens.ec("secp256r1");
        byte[] input = "x".getBytes(StandardCharsets.US_ASCII);
        assertFalse(JwsSignature.verify(JwsAlgorithm.ES256, kp.getPublic(), input, new byte[63]));
        assertFalse(JwsSignature.verify(JwsAlgorithm.ES256, kp.getPublic(), input, new byte[64]));
        assertFalse(JwsSignature.verify(JwsAlgorithm.ES256, kp.getPublic(), input, new byte[0]));
    }
}
