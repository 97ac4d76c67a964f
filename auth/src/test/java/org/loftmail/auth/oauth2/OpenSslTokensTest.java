package org.loftmail.auth.oauth2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.loftmail.auth.oauth2.TestTokens.CLOCK;
import static org.loftmail.auth.oauth2.TestTokens.b64;
import static org.loftmail.auth.oauth2.TestTokens.claims;
import static org.loftmail.auth.oauth2.TestTokens.header;
import static org.loftmail.auth.oauth2.TestTokens.signingInput;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.auth.AuthRequest;
import org.loftmail.core.auth.AuthResult;
import org.loftmail.core.model.UserId;

/**
 * Keys made and tokens signed by the {@code openssl} command line, so the validator is not only
 * checked against tokens of our own making. The commands are the ones docs/auth-oauth2.md gives.
 */
class OpenSslTokensTest {
    private static final String CLAIMS = claims("dora@example.org", "");

    @TempDir
    Path work;
    private Path keys;
    private OAuth2Authenticator auth;

    @BeforeAll
    static void needsOpenSsl() {
        boolean present;
        try {
            present = new ProcessBuilder("openssl", "version").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            present = false;
        }
        // Tokens made by an independent tool are the point of this class: without it, fail.
        Assertions.assertTrue(present, "openssl is not installed (apt-get install -y openssl)");
    }

    @BeforeEach
    void setUp() {
        keys = work.resolve("oauth2-keys");
        auth = new OAuth2Authenticator(OAuth2Settings.local(keys), CLOCK);
    }

    private byte[] openssl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true).start();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(cmd + " failed: " + new String(out, StandardCharsets.UTF_8));
        }
        return out;
    }

    /** openssl signs the signing input (written to a file) and prints the raw signature. */
    private String signed(String header, String... signArgs) throws Exception {
        String input = signingInput(header, CLAIMS);
        Files.writeString(work.resolve("input"), input, StandardCharsets.US_ASCII);
        List<String> args = new ArrayList<>(Arrays.asList(signArgs));
        args.add("input");
        return input + "." + b64(openssl(args.toArray(new String[0])));
    }

    private void install(String alg, String kid, String keyFile) throws IOException {
        Path dir = keys.resolve("default").resolve(alg);
        Files.createDirectories(dir);
        Files.copy(work.resolve(keyFile), dir.resolve(kid));
    }

    private AuthResult login(String token) {
        return auth.authenticate(new AuthRequest("", token, "imap", null, true));
    }

    private static final AuthResult DORA = new AuthResult.Success(new UserId("dora@example.org"));

    @Test
    void rs256AndPs256() throws Exception {
        openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "rsa.pem");
        openssl("pkey", "-in", "rsa.pem", "-pubout", "-out", "rsa.pub.pem");
        install("RS256", "rsa-1", "rsa.pub.pem");
        install("PS256", "rsa-1", "rsa.pub.pem");

        String rs = signed(header("RS256", "rsa-1"), "dgst", "-sha256", "-sign", "rsa.pem");
        assertEquals(DORA, login(rs));
        String ps = signed(header("PS256", "rsa-1"), "dgst", "-sha256", "-sign", "rsa.pem",
                "-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:32");
        assertEquals(DORA, login(ps));

        String[] p = rs.split("\\.");
        String tampered = p[0] + "." + b64(claims("mallory@example.org", "")) + "." + p[2];
        assertInstanceOf(AuthResult.Failure.class, login(tampered));
        // The RSA signature is no PS256 signature, nor is it one for another kid's file.
        assertInstanceOf(AuthResult.Failure.class, login(b64(header("PS256", "rsa-1")) + "." + p[1] + "." + p[2]));
    }

    @Test
    void es256AndEs512() throws Exception {
        String[][] cases = {{"ES256", "P-256", "-sha256", "32"}, {"ES512", "P-521", "-sha512", "66"}};
        for (String[] c : cases) {
            openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:" + c[1], "-out", c[0] + ".pem");
            openssl("pkey", "-in", c[0] + ".pem", "-pubout", "-out", c[0] + ".pub.pem");
            install(c[0], "default", c[0] + ".pub.pem");
            String input = signingInput(header(c[0], null), CLAIMS);
            Files.writeString(work.resolve("input"), input, StandardCharsets.US_ASCII);
            byte[] der = openssl("dgst", c[2], "-sign", c[0] + ".pem", "input");
            String token = input + "." + b64(joseFromDer(der, Integer.parseInt(c[3])));
            assertEquals(DORA, login(token), c[0]);
            // JOSE requires R||S; the DER openssl writes is refused as it stands.
            assertInstanceOf(AuthResult.Failure.class, login(input + "." + b64(der)), c[0]);
        }
    }

    @Test
    void hs256AndHs512WithSecretsFromOpenSslRand() throws Exception {
        String[][] cases = {{"HS256", "32", "-sha256"}, {"HS512", "64", "-sha512"}};
        for (String[] c : cases) {
            // openssl rand -base64 64 wraps its output over two lines; the key file keeps it so.
            Files.write(work.resolve(c[0] + ".key"), openssl("rand", "-base64", c[1]));
            install(c[0], "default", c[0] + ".key");
            String base64 = Files.readString(work.resolve(c[0] + ".key")).replaceAll("\\s", "");
            String hexKey = HexFormat.of().formatHex(Base64.getDecoder().decode(base64));
            String token = signed(header(c[0], null), "dgst", c[2], "-mac", "HMAC", "-macopt", "hexkey:" + hexKey, "-binary");
            assertEquals(DORA, login(token), c[0]);
        }
    }

    @Test
    void anRs256TokenAgainstTheOpenSslKeyOfAnotherAlgorithm() throws Exception {
        openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "rsa.pem");
        openssl("pkey", "-in", "rsa.pem", "-pubout", "-out", "rsa.pub.pem");
        install("HS256", "default", "rsa.pub.pem");
        byte[] pemText = Files.readAllBytes(work.resolve("rsa.pub.pem"));
        // HS256 keyed with the public key's PEM text: the confusion attack, signed by openssl.
        String token = signed(header("HS256", null), "dgst", "-sha256", "-mac", "HMAC", "-macopt",
                "hexkey:" + HexFormat.of().formatHex(pemText), "-binary");
        AuthResult.Failure f = assertInstanceOf(AuthResult.Failure.class, login(token));
        assertEquals(true, f.reason().contains("holds a PEM key"), f.reason());
        assertThrows(InvalidTokenException.class, () -> new JwtValidator(OAuth2Settings.local(keys), CLOCK).validate(token));
    }

    /** Reads openssl's {@code SEQUENCE { INTEGER r, INTEGER s }} into JOSE's fixed-width R||S. */
    private static byte[] joseFromDer(byte[] der, int n) {
        int pos = 1;
        int seqLen = der[pos++] & 0xff;
        if (seqLen == 0x81) {
            pos++;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 2; i++) {
            if (der[pos++] != 0x02) {
                throw new IllegalArgumentException("not an INTEGER");
            }
            int len = der[pos++] & 0xff;
            byte[] v = Arrays.copyOfRange(der, pos, pos + len);
            pos += len;
            int skip = v.length > n ? v.length - n : 0;
            out.write(new byte[n - (v.length - skip)], 0, n - (v.length - skip));
            out.write(v, skip, v.length - skip);
        }
        return out.toByteArray();
    }
}
