package org.loftmail.auth.oauth2;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.spec.SecretKeySpec;

/**
 * The verification keys of {@code local_validation_key_dict = fs:posix:prefix=DIR}, in Dovecot's
 * layout: {@code DIR/<azp or "default">/<alg>/<kid or "default">}. Files under {@code HS*} hold a
 * base64 secret; files under {@code RS*}, {@code PS*} and {@code ES*} a PEM
 * {@code -----BEGIN PUBLIC KEY-----}.
 *
 * <p>{@code azp} and {@code kid} come from the token, so from anyone: as in Dovecot, {@code /}
 * is written {@code %2f} and {@code %} {@code %25}, so neither can add a path level; a name
 * starting with {@code .} (Dovecot's CVE-2021-29157: {@code kid = "../../etc/passwd"}), a control
 * character, a backslash or a name too long for a file is refused outright.
 *
 * <p>Keys are kept parsed and re-read when their file's time or size changes, so keys can be
 * rotated without a restart (Dovecot needs one).
 */
final class KeyDirectory {
    static final String DEFAULT = "default";
    /** Key files are a few hundred bytes; a big file at a key path is a mistake, not a key. */
    private static final long MAX_KEY_FILE_BYTES = 64 * 1024;
    private static final int MAX_NAME_BYTES = 255;

    private final Path root;
    private final Map<Path, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(FileTime modified, long size, Key key) {
    }

    KeyDirectory(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /**
     * The key for a token; {@code azp} and {@code kid} are null when the token has none.
     * Throws {@link InvalidTokenException} when there is no such key or the file does not hold a
     * key of {@code alg}'s kind, {@link UncheckedIOException} when the file cannot be read.
     */
    Key lookup(String azp, JwsAlgorithm alg, String kid) {
        Path file = keyFile(azp, alg, kid);
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw missing(file, azp, alg, kid);
        } catch (IOException e) {
            if (Files.isRegularFile(file.getParent()) || Files.isRegularFile(file.getParent().getParent())) {
                // ENOTDIR: a file stands where the azp or alg directory would be; still no key.
                throw missing(file, azp, alg, kid);
            }
            throw new UncheckedIOException("cannot read key file " + file, e);
        }
        if (!attrs.isRegularFile()) {
            String reason = "key path " + file + " is not a regular file";
            throw new UncheckedIOException(reason, new IOException(reason));
        }
        Cached c = cache.get(file);
        if (c != null && c.modified().equals(attrs.lastModifiedTime()) && c.size() == attrs.size()) {
            return c.key();
        }
        if (attrs.size() > MAX_KEY_FILE_BYTES) {
            throw new InvalidTokenException("key file " + file + " is too large to hold a key");
        }
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw missing(file, azp, alg, kid);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read key file " + file, e);
        }
        Key key = parse(file, alg, new String(content, StandardCharsets.UTF_8).strip());
        cache.put(file, new Cached(attrs.lastModifiedTime(), attrs.size(), key));
        return key;
    }

    /** Where the key for these header and claim values lives; refuses names that are unsafe. */
    Path keyFile(String azp, JwsAlgorithm alg, String kid) {
        String a = azp == null ? DEFAULT : component("azp", azp);
        String k = kid == null ? DEFAULT : component("kid", kid);
        Path file;
        try {
            file = root.resolve(a).resolve(alg.name()).resolve(k);
        } catch (InvalidPathException e) {
            // A character the file system's encoding cannot hold: no key can be named so.
            throw new InvalidTokenException("azp or kid cannot be a file name here: " + e.getReason());
        }
        // Unreachable after component(), but a path outside the directory must never be opened.
        if (!file.normalize().equals(file) || !root.equals(file.getParent().getParent().getParent())) {
            throw new InvalidTokenException("refused key path outside the key directory");
        }
        return file;
    }

    /** One path level from a token value: Dovecot's escaping, then refusal of what is left unsafe. */
    static String component(String what, String value) {
        if (value.isEmpty()) {
            throw new InvalidTokenException(what + " is empty");
        }
        if (value.charAt(0) == '.') {
            throw new InvalidTokenException("refused " + what + " \"" + InvalidTokenException.printable(value)
                    + "\": a leading '.' could leave the key directory");
        }
        StringBuilder b = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\') {
                throw new InvalidTokenException("refused " + what + " \"" + InvalidTokenException.printable(value)
                        + "\": control character or backslash");
            }
            if (c == '/') {
                b.append("%2f");
            } else if (c == '%') {
                b.append("%25");
            } else {
                b.append(c);
            }
        }
        String name = b.toString();
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            // The OS would answer ENAMETOOLONG, which would look like a broken disk, not a bad token.
            throw new InvalidTokenException(what + " is too long to be a file name");
        }
        return name;
    }

    private static InvalidTokenException missing(Path file, String azp, JwsAlgorithm alg, String kid) {
        return new InvalidTokenException("no key for azp=" + shown(azp) + " alg=" + alg + " kid=" + shown(kid)
                + " (" + InvalidTokenException.printable(file.toString()) + " does not exist)");
    }

    private static String shown(String value) {
        return value == null ? "(none)" : InvalidTokenException.printable(value);
    }

    private static Key parse(Path file, JwsAlgorithm alg, String text) {
        if (alg.family == JwsAlgorithm.Family.HMAC) {
            if (text.startsWith("-----BEGIN")) {
                throw new InvalidTokenException("key file " + file + " holds a PEM key, but " + alg
                        + " needs a base64 HMAC secret");
            }
            byte[] secret = base64(file, text);
            if (secret.length == 0) {
                throw new InvalidTokenException("key file " + file + " is empty");
            }
            return new SecretKeySpec(secret, "Hmac" + alg.jcaHash());
        }
        String begin = "-----BEGIN PUBLIC KEY-----";
        String end = "-----END PUBLIC KEY-----";
        if (!text.startsWith(begin) || !text.endsWith(end)) {
            String first = text.lines().findFirst().orElse("");
            String hint = first.startsWith("-----BEGIN RSA PUBLIC KEY")
                    ? " (PKCS#1: convert with openssl rsa -RSAPublicKey_in -pubout)"
                    : first.contains("PRIVATE KEY") ? " (a private key: give Loft only the public key)"
                    : first.startsWith("-----BEGIN") ? "" : " (a base64 HMAC secret belongs under HS256/384/512)";
            throw new InvalidTokenException("key file " + file + " is not a PEM " + begin + " as " + alg
                    + " needs" + hint);
        }
        X509EncodedKeySpec spec = new X509EncodedKeySpec(
                base64(file, text.substring(begin.length(), text.length() - end.length())));
        // The kind of key is whatever the file holds; JwsSignature refuses one that is not alg's.
        for (String type : new String[] {"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(type).generatePublic(spec);
            } catch (InvalidKeySpecException e) {
                // not this type; try the next
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK lacks " + type, e);
            }
        }
        throw new InvalidTokenException("key file " + file + " holds neither an RSA nor an EC public key");
    }

    /** Standard base64, line breaks allowed, anything else refused (a lenient decoder skips junk). */
    private static byte[] base64(Path file, String text) {
        try {
            return Base64.getDecoder().decode(text.replaceAll("[ \t\r\n]", ""));
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException("key file " + file + " is not valid base64: " + e.getMessage());
        }
    }
}
