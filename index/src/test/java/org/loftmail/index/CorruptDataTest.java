package org.loftmail.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.loftmail.core.model.Flags;
import org.loftmail.core.model.MailboxGuid;
import org.loftmail.core.store.StorageException;

/** Garbage in a table is reported as CORRUPT, not as a crash or an unchecked decoding error. */
class CorruptDataTest extends IndexFixture {
    @Test
    void undecodableMessageRecordIsCorrupt() {
        open();
        MailboxGuid g = createMailbox("INBOX");
        index.write(w -> {
            w.putMessage(g, message(1, 1, Flags.NONE));
            return null;
        });
        index.close();
        index = null;
        try (Env<ByteBuffer> env = Env.create().setMaxDbs(Tables.MAX_DBS).open(dir.toFile())) {
            Dbi<ByteBuffer> messages = env.openDbi(MessageTable.NAME, DbiFlags.MDB_UNSIGNEDKEY);
            messages.put(direct(Key.of(g, 1)), direct("garbage".getBytes(StandardCharsets.US_ASCII)));
        }
        open();
        StorageException e = assertThrows(StorageException.class, () -> index.read(r -> r.message(g, 1)));
        assertEquals(StorageException.Kind.CORRUPT, e.kind());
        e = assertThrows(StorageException.class, () -> index.read(r -> {
            r.messages(g, 0, 10, m -> true);
            return null;
        }));
        assertEquals(StorageException.Kind.CORRUPT, e.kind());
    }

    private static ByteBuffer direct(byte[] b) {
        ByteBuffer buf = ByteBuffer.allocateDirect(b.length);
        buf.put(b).flip();
        return buf;
    }
}
