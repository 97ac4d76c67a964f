package org.loftmail.index;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lmdbjava.Dbi;

/** {@code files}: blob file number (4 bytes) → live bytes, so purge picks files without scanning blobs. */
final class FileTable {
    static final String NAME = "files";

    private final Dbi<ByteBuffer> dbi;

    FileTable(Dbi<ByteBuffer> dbi) {
        this.dbi = dbi;
    }

    void add(Tx tx, int file, long delta) {
        byte[] k = Key.of32(file);
        byte[] v = tx.get(dbi, k);
        tx.put(dbi, k, Key.of64((v == null ? 0 : decode(v)) + delta));
    }

    void remove(Tx tx, int file) {
        tx.delete(dbi, Key.of32(file));
    }

    /** Live bytes by file, in unsigned file-number order. */
    Map<Integer, Long> all(Tx tx) {
        Map<Integer, Long> out = new LinkedHashMap<>();
        tx.scan(dbi, new byte[0], new byte[0], null, true, (k, v) -> {
            out.put(Key.get32(k, 0), decode(v));
            return true;
        });
        return out;
    }

    private static long decode(byte[] v) {
        if (v.length != 8) {
            throw RecordReader.corrupt("live bytes");
        }
        return Key.get64(v, 0);
    }
}
