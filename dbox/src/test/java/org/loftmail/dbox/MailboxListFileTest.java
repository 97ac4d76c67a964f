package org.loftmail.dbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.model.MailboxGuid;
import org.loftmail.core.model.MailboxName;
import org.loftmail.core.model.SpecialUse;
import org.loftmail.core.store.MailboxInfo;
import org.loftmail.core.store.StorageException;
import org.loftmail.core.store.spi.BlobStore;

class MailboxListFileTest {
    @TempDir
    Path dir;

    private BlobStore open() {
        return new DboxBlobStore(dir, DboxOptions.defaults());
    }

    private static final List<MailboxInfo> MAILBOXES = List.of(
            new MailboxInfo(MailboxGuid.random(), MailboxName.INBOX, 1_700_000_000L, 42, 99, Set.of()),
            new MailboxInfo(MailboxGuid.random(), MailboxName.of("Gesendete Objekte"), 7, 1, 1, Set.of(SpecialUse.SENT)),
            new MailboxInfo(MailboxGuid.random(), MailboxName.of("Entwürfe/ 日本語  two  spaces "), 8, 3, 4,
                    Set.of(SpecialUse.DRAFTS, SpecialUse.FLAGGED)),
            new MailboxInfo(MailboxGuid.random(), MailboxName.of("Ünïcödé/Ordner mit Leerzeichen"), Long.MAX_VALUE, 5, 6,
                    Set.of(SpecialUse.ARCHIVE)));

    @Test
    void roundTripsUnicodeNamesWithSpaces() {
        try (BlobStore store = open()) {
            assertEquals(List.of(), store.readMailboxList());
            store.writeMailboxList(MAILBOXES);
        }
        try (BlobStore store = open()) {
            assertEquals(MAILBOXES, store.readMailboxList());
            store.writeMailboxList(MAILBOXES.subList(0, 1));
            assertEquals(MAILBOXES.subList(0, 1), store.readMailboxList());
        }
    }

    @Test
    void escapesBackslashesAndNewlines() {
        // MailboxName forbids these today; the file format must survive them anyway.
        String raw = "a\\b\nc\r d";
        String escaped = MailboxListFile.escape(raw);
        assertEquals("a\\\\b\\nc\\r d", escaped);
        assertEquals(raw, MailboxListFile.unescape(escaped));
        assertThrows(IllegalArgumentException.class, () -> MailboxListFile.unescape("dangling\\"));
    }

    @Test
    void aLeftoverTempFileIsIgnored() throws IOException {
        try (BlobStore store = open()) {
            store.writeMailboxList(MAILBOXES);
        }
        Files.writeString(dir.resolve("storage/" + MailboxListFile.TEMP), "loft-mailboxes 1\nhalf a li", StandardCharsets.UTF_8);
        try (BlobStore store = open()) {
            assertEquals(MAILBOXES, store.readMailboxList());
            assertEquals(List.of(), store.files(), "the list file is not a blob file");
            store.writeMailboxList(MAILBOXES.subList(1, 2));
            assertEquals(MAILBOXES.subList(1, 2), store.readMailboxList());
        }
    }

    @Test
    void aDamagedListIsCorrupt() throws IOException {
        Path storage = Files.createDirectories(dir.resolve("storage"));
        Files.writeString(storage.resolve(MailboxListFile.NAME), "loft-mailboxes 1\nnot a mailbox line\n");
        try (BlobStore store = open()) {
            assertEquals(StorageException.Kind.CORRUPT, assertThrows(StorageException.class, store::readMailboxList).kind());
        }
    }
}
