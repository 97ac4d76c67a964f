package org.loftmail.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.model.Flags;
import org.loftmail.core.model.MailboxGuid;
import org.loftmail.core.model.MailboxName;
import org.loftmail.core.model.MessageContent;
import org.loftmail.core.model.UserId;
import org.loftmail.core.store.IndexedMailStore;
import org.loftmail.core.store.MailboxInfo;
import org.loftmail.core.store.MessageInfo;
import org.loftmail.core.store.RebuildReport;
import org.loftmail.core.store.StorageException;
import org.loftmail.core.store.UserStore;

/** Rebuild from files, purge, and damaged files, on real dbox + LMDB. */
class StoreRecoveryTest {
    private static final UserId USER = new UserId("carol");

    @TempDir
    Path dir;

    private static MessageContent message(int n, int size) {
        StringBuilder sb = new StringBuilder("Subject: message " + n + "\r\nMessage-ID: <" + n + "@t>\r\n\r\n");
        while (sb.length() < size) {
            sb.append("line ").append(n).append(" of the body\r\n");
        }
        return MessageContent.of(sb.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** name → (uid → bytes), plus uidvalidity per name: what a client would see. */
    private static Map<String, Object> snapshot(UserStore u) {
        Map<String, Object> out = new TreeMap<>();
        for (MailboxInfo box : u.mailboxes()) {
            Map<Long, String> msgs = new TreeMap<>();
            for (MessageInfo m : u.messages(box.guid(), 1, Long.MAX_VALUE)) {
                msgs.put(m.uid(), new String(u.content(box.guid(), m.uid()).toByteArray(), StandardCharsets.ISO_8859_1));
            }
            out.put(box.name() + " uidvalidity=" + box.uidValidity(), msgs);
        }
        return out;
    }

    private Path storage() {
        return dir.resolve("mail").resolve(USER.name()).resolve("storage");
    }

    private long storageBytes() throws IOException {
        try (Stream<Path> files = Files.list(storage())) {
            long total = 0;
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith("m.")).toList()) {
                try {
                    total += Files.size(p);
                } catch (java.nio.file.NoSuchFileException e) {
                    // The background purge removed it between the listing and now: it counts 0.
                }
            }
            return total;
        }
    }

    @Test
    void rebuildRestoresMailboxesMessagesAndUids() {
        try (SingleNode node = TestNodes.node(dir, 8192)) {
            IndexedMailStore store = node.store();
            UserStore u = store.user(USER);
            MailboxGuid inbox = u.mailbox(MailboxName.INBOX).orElseThrow().guid();
            MailboxInfo work = u.create(MailboxName.of("Work/Reports"), Set.of());
            MailboxInfo archive = u.create(MailboxName.of("Archive"), Set.of());
            for (int i = 0; i < 30; i++) {
                u.append(i % 2 == 0 ? inbox : work.guid(), message(i, 300 + i * 40), Flags.NONE, 1000L * i);
            }
            u.copy(inbox, List.of(1L, 2L, 3L), archive.guid());
            u.move(work.guid(), List.of(1L, 2L), archive.guid());
            u.expunge(inbox, List.of(5L, 7L));
            u.expunge(archive.guid(), List.of(1L));
            u.rename(MailboxName.of("Work"), MailboxName.of("Old/Work"));
            u.delete(MailboxName.of("Archive"));
            MailboxInfo again = u.create(MailboxName.of("Archive"), Set.of());
            u.copy(inbox, List.of(9L), again.guid());
            Map<String, Object> before = snapshot(u);
            long inboxNext = u.status(inbox).uidNext();
            long inboxModSeq = u.status(inbox).highestModSeq();

            RebuildReport report = store.rebuild(USER);
            assertEquals(0, report.corruptRegions());
            UserStore rebuilt = store.user(USER);
            assertEquals(before, snapshot(rebuilt));
            assertTrue(rebuilt.status(inbox).uidNext() >= inboxNext, "UIDs must never be reused after a rebuild");
            assertTrue(rebuilt.status(inbox).highestModSeq() > inboxModSeq,
                    "HIGHESTMODSEQ must not go backwards, or CONDSTORE clients miss flag changes");
            assertEquals(List.of("Archive", "INBOX", "Old", "Old/Work", "Old/Work/Reports"),
                    rebuilt.mailboxes().stream().map(m -> m.name().value()).toList());
        }
    }

    @Test
    void emptyIndexNextToMailFilesIsRebuiltOnOpen() throws IOException {
        Map<String, Object> before;
        try (SingleNode node = TestNodes.node(dir, 8192)) {
            UserStore u = node.store().user(USER);
            MailboxGuid inbox = u.mailbox(MailboxName.INBOX).orElseThrow().guid();
            for (int i = 0; i < 5; i++) {
                u.append(inbox, message(i, 500), Flags.NONE, 0);
            }
            before = snapshot(u);
        }
        Path index = dir.resolve("mail").resolve(USER.name()).resolve("index");
        try (Stream<Path> files = Files.walk(index)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        try (SingleNode node = TestNodes.node(dir, 8192)) {
            assertEquals(before, snapshot(node.store().user(USER)));
        }
    }

    @Test
    void purgeReclaimsSpaceAutomaticallyAndRebuildDoesNotResurrect() throws Exception {
        try (SingleNode node = TestNodes.node(dir, 16 * 1024)) {
            IndexedMailStore store = node.store();
            UserStore u = store.user(USER);
            MailboxGuid inbox = u.mailbox(MailboxName.INBOX).orElseThrow().guid();
            for (int i = 0; i < 200; i++) {
                u.append(inbox, message(i, 2000), Flags.NONE, 0);
            }
            long full = storageBytes();
            List<Long> doomed = new ArrayList<>();
            for (long uid = 1; uid <= 200; uid++) {
                if (uid % 10 != 0) {
                    doomed.add(uid);
                }
            }
            u.expunge(inbox, doomed);
            // No explicit purge: the store schedules one itself after expunges.
            long deadline = System.currentTimeMillis() + 20_000;
            while (storageBytes() > full / 3 && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            long after = storageBytes();
            assertTrue(after < full / 3, "purge should have reclaimed most of " + full + " bytes, left " + after);
            Map<String, Object> before = snapshot(u);
            for (long uid = 10; uid <= 200; uid += 10) {
                assertArrayEquals(message((int) uid - 1, 2000).toByteArray(), u.content(inbox, uid).toByteArray());
            }
            store.rebuild(USER);
            assertEquals(before, snapshot(store.user(USER)), "rebuild after purge must not bring expunged mail back");
            assertEquals(20, store.user(USER).status(inbox).messages());
        }
    }

    @Test
    void damagedFileIsReportedAndTheRestStaysReadable() throws IOException {
        Map<Long, Integer> fileOf = new HashMap<>();
        Map<Long, byte[]> bytes = new HashMap<>();
        MailboxGuid inbox;
        try (SingleNode node = TestNodes.node(dir, 8 * 1024)) {
            UserStore u = node.store().user(USER);
            inbox = u.mailbox(MailboxName.INBOX).orElseThrow().guid();
            for (int i = 0; i < 24; i++) {
                MessageContent m = message(i, 1500);
                long uid = u.append(inbox, m, Flags.NONE, 0).uid();
                bytes.put(uid, m.toByteArray());
                fileOf.put(uid, newestFile());
            }
        }
        int damaged = fileOf.get(1L) + 1;
        assertTrue(fileOf.containsValue(damaged + 1), "test needs messages after the damaged file");
        Path victim = storage().resolve("m." + damaged);
        try (RandomAccessFile f = new RandomAccessFile(victim.toFile(), "rw")) {
            byte[] garbage = new byte[(int) f.length()];
            new java.util.Random(7).nextBytes(garbage);
            f.seek(0);
            f.write(garbage);
        }
        try (SingleNode node = TestNodes.node(dir, 8 * 1024)) {
            UserStore u = node.store().user(USER);
            for (Map.Entry<Long, Integer> e : fileOf.entrySet()) {
                long uid = e.getKey();
                if (e.getValue() == damaged) {
                    StorageException ex = assertThrows(StorageException.class,
                            () -> u.content(inbox, uid).toByteArray());
                    assertEquals(StorageException.Kind.CORRUPT, ex.kind());
                } else {
                    assertArrayEquals(bytes.get(uid), u.content(inbox, uid).toByteArray(), "uid " + uid);
                }
            }
            RebuildReport report = node.store().rebuild(USER);
            assertTrue(report.corruptRegions() > 0, report.toString());
            UserStore rebuilt = node.store().user(USER);
            long expected = fileOf.values().stream().filter(f -> f != damaged).count();
            assertEquals(expected, rebuilt.status(inbox).messages());
            for (Map.Entry<Long, Integer> e : fileOf.entrySet()) {
                if (e.getValue() != damaged) {
                    assertArrayEquals(bytes.get(e.getKey()), rebuilt.content(inbox, e.getKey()).toByteArray());
                }
            }
        }
    }

    @Test
    void truncatedFileTailLosesOnlyTheCutMessage() throws IOException {
        MailboxGuid inbox;
        try (SingleNode node = TestNodes.node(dir, 1 << 20)) {
            UserStore u = node.store().user(USER);
            inbox = u.mailbox(MailboxName.INBOX).orElseThrow().guid();
            for (int i = 0; i < 5; i++) {
                u.append(inbox, message(i, 1000), Flags.NONE, 0);
            }
        }
        Path file = storage().resolve("m." + newestFile());
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(f.length() - 300);
        }
        try (SingleNode node = TestNodes.node(dir, 1 << 20)) {
            RebuildReport report = node.store().rebuild(USER);
            assertTrue(report.corruptRegions() > 0, report.toString());
            UserStore u = node.store().user(USER);
            assertEquals(4, u.status(inbox).messages());
            for (long uid = 1; uid <= 4; uid++) {
                assertArrayEquals(message((int) uid - 1, 1000).toByteArray(), u.content(inbox, uid).toByteArray());
            }
            long next = u.append(inbox, message(99, 100), Flags.NONE, 0).uid();
            assertTrue(next >= 6, "UID 5 was handed out before the damage and must never be reused, got " + next);
        }
    }

    private Map<String, Object> fill(int count) {
        try (SingleNode node = TestNodes.node(dir, 8192)) {
            UserStore u = node.store().user(USER);
            MailboxGuid inbox = u.mailbox(MailboxName.INBOX).orElseThrow().guid();
            for (int i = 0; i < count; i++) {
                u.append(inbox, message(i, 700), Flags.NONE, 0);
            }
            return snapshot(u);
        }
    }

    @Test
    void interruptedRebuildIsRedoneOnNextOpenAndLosesNothing() throws IOException {
        Map<String, Object> before = fill(12);
        Path userDir = dir.resolve("mail").resolve(USER.name());
        // What a rebuild killed half-way leaves: its marker, and an index with some mailboxes only.
        Files.createFile(userDir.resolve("rebuild.pending"));
        IndexedUserStoreAccess.replaceIndexWithMailboxesOnly(userDir);
        try (SingleNode node = TestNodes.node(dir, 8192)) {
            assertEquals(before, snapshot(node.store().user(USER)));
        }
        assertTrue(Files.notExists(userDir.resolve("rebuild.pending")));
    }

    @Test
    void indexWithoutCommittedTailIsRebuiltNeverTruncated() throws IOException {
        Map<String, Object> before = fill(12);
        Path userDir = dir.resolve("mail").resolve(USER.name());
        IndexedUserStoreAccess.replaceIndexWithMailboxesOnly(userDir);
        try (SingleNode node = TestNodes.node(dir, 8192)) {
            assertEquals(before, snapshot(node.store().user(USER)));
        }
    }

    @Test
    void uidValidityIsNeverReusedAcrossRestarts() {
        Set<Long> seen = new java.util.HashSet<>();
        for (int round = 0; round < 3; round++) {
            try (SingleNode node = TestNodes.node(dir, 8192)) {
                UserStore u = node.store().user(USER);
                for (int i = 0; i < 3; i++) {
                    MailboxInfo box = u.create(MailboxName.of("Again"), Set.of());
                    assertTrue(seen.add(box.uidValidity()), "UIDVALIDITY " + box.uidValidity() + " handed out twice");
                    u.delete(MailboxName.of("Again"));
                }
            }
        }
    }

    private int newestFile() throws IOException {
        try (Stream<Path> files = Files.list(storage())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.matches("m\\.\\d+"))
                    .mapToInt(n -> Integer.parseInt(n.substring(2))).max().orElseThrow();
        }
    }
}
