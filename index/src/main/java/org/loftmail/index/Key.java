package org.loftmail.index;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.loftmail.core.model.MailboxGuid;
import org.loftmail.core.model.MessageGuid;

/**
 * Key layouts. Numbers are big-endian and fixed-width so that LMDB's unsigned byte order is
 * numeric order, and every per-mailbox key starts with the 16-byte mailbox GUID so a mailbox is
 * one contiguous range.
 */
final class Key {
    static final int GUID = 16;

    private Key() {
    }

    static byte[] of(MailboxGuid mailbox) {
        return mailbox.toBytes();
    }

    static byte[] of(MessageGuid message) {
        return message.toBytes();
    }

    /** mailbox | a */
    static byte[] of(MailboxGuid mailbox, long a) {
        byte[] k = new byte[GUID + 8];
        mailbox.toBytes(k, 0);
        put64(k, GUID, a);
        return k;
    }

    /** mailbox | a | b */
    static byte[] of(MailboxGuid mailbox, long a, long b) {
        byte[] k = new byte[GUID + 16];
        mailbox.toBytes(k, 0);
        put64(k, GUID, a);
        put64(k, GUID + 8, b);
        return k;
    }

    static byte[] of64(long v) {
        byte[] k = new byte[8];
        put64(k, 0, v);
        return k;
    }

    static byte[] of32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    static long get64(byte[] k, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (k[off + i] & 0xFF);
        }
        return v;
    }

    static int get32(byte[] k, int off) {
        return (k[off] & 0xFF) << 24 | (k[off + 1] & 0xFF) << 16 | (k[off + 2] & 0xFF) << 8 | (k[off + 3] & 0xFF);
    }

    /** The last 8 bytes: the UID in every per-message key. */
    static long tail64(byte[] k) {
        return get64(k, k.length - 8);
    }

    static void put64(byte[] k, int off, long v) {
        for (int i = 7; i >= 0; i--) {
            k[off + i] = (byte) v;
            v >>>= 8;
        }
    }

    /**
     * A mailbox name as a key. Names may be 1000 characters, more than LMDB's 511-byte keys, so a
     * long name becomes a prefix, 0xFF (never in UTF-8, so it cannot collide with a short name)
     * and the SHA-256 of the whole name. Nothing relies on the order of these keys.
     */
    static byte[] name(String name) {
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= Tx.MAX_KEY) {
            return utf8;
        }
        byte[] k = Arrays.copyOf(utf8, Tx.MAX_KEY);
        k[Tx.MAX_KEY - 33] = (byte) 0xFF;
        System.arraycopy(sha256(utf8), 0, k, Tx.MAX_KEY - 32, 32);
        return k;
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
