package org.loftmail.imap.search;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loftmail.core.model.Flags;
import org.loftmail.imap.parse.SearchKey;
import org.loftmail.imap.parse.SequenceSet;

/**
 * Keys answered from the index record. Every message here is sealed, so each assertion also
 * proves the key never opened the summary or the content.
 */
class SearchEvaluatorTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final long NOW = Instant.parse("2024-03-10T12:00:00Z").toEpochMilli();
    private static final String TEXT = "From: a@example.org\nSubject: hi\n\nbody\n";

    private static boolean hit(String keys, TestMessage m) {
        return hit(Keys.parse(keys), m, 10, 100);
    }

    private static boolean hit(SearchKey key, TestMessage m, long maxSeq, long maxUid) {
        return SearchEvaluator.of(key, null, maxSeq, maxUid, NOW, BERLIN).matches(m);
    }

    private static TestMessage sealed() {
        return TestMessage.of(TEXT).sealed();
    }

    @Test
    void systemFlags() {
        TestMessage m = sealed().flags(Flags.SEEN | Flags.FLAGGED);
        assertTrue(hit("SEEN", m));
        assertTrue(hit("FLAGGED", m));
        assertFalse(hit("UNSEEN", m));
        assertFalse(hit("UNFLAGGED", m));
        assertFalse(hit("ANSWERED", m));
        assertTrue(hit("UNANSWERED", m));
        assertFalse(hit("DELETED", m));
        assertTrue(hit("UNDELETED", m));
        assertFalse(hit("DRAFT", m));
        assertTrue(hit("UNDRAFT", m));
        TestMessage all = sealed().flags(Flags.ALL_SYSTEM);
        assertTrue(hit("ANSWERED DELETED DRAFT FLAGGED SEEN", all));
    }

    @Test
    void flagNamesAreCaseInsensitive() {
        TestMessage m = sealed().flags(Flags.SEEN);
        assertTrue(hit(new SearchKey.Flag("\\SEEN", true), m, 10, 100));
        assertTrue(hit(new SearchKey.Flag("\\seen", true), m, 10, 100));
    }

    @Test
    void keywordsAreCaseInsensitive() {
        TestMessage m = sealed().flags(0, "$Forwarded", "Work");
        assertTrue(hit("KEYWORD $forwarded", m));
        assertTrue(hit("KEYWORD WORK", m));
        assertFalse(hit("UNKEYWORD work", m));
        assertFalse(hit("KEYWORD $Junk", m));
        assertTrue(hit("UNKEYWORD $Junk", m));
    }

    @Test
    void unknownSystemFlagIsNeverSet() {
        TestMessage m = sealed().flags(Flags.ALL_SYSTEM, "Foo");
        assertFalse(hit(new SearchKey.Flag("\\Foo", true), m, 10, 100));
        assertTrue(hit(new SearchKey.Flag("\\Foo", false), m, 10, 100));
    }

    @Test
    void recentNewOld() {
        TestMessage fresh = sealed().recent(true);
        assertTrue(hit("RECENT", fresh));
        assertTrue(hit("NEW", fresh));
        assertFalse(hit("OLD", fresh));
        TestMessage read = sealed().recent(true).flags(Flags.SEEN);
        assertTrue(hit("RECENT", read));
        assertFalse(hit("NEW", read));
        TestMessage old = sealed();
        assertTrue(hit("OLD", old));
        assertFalse(hit("RECENT", old));
        assertFalse(hit("NEW", old));
    }

    @Test
    void allMatchesEverything() {
        assertTrue(hit("ALL", sealed()));
    }

    @Test
    void sizesCompareStrictlyWithRfc822Size() {
        TestMessage m = sealed();
        long size = m.info().virtualSize();
        assertTrue(hit("LARGER " + (size - 1), m));
        assertFalse(hit("LARGER " + size, m));
        assertTrue(hit("SMALLER " + (size + 1), m));
        assertFalse(hit("SMALLER " + size, m));
        assertTrue(hit("LARGER 0", m));
    }

    @Test
    void sequenceSetsWithStar() {
        TestMessage last = sealed().seq(10);
        assertTrue(hit("10", last));
        assertTrue(hit("*", last));
        assertTrue(hit("1:*", last));
        assertTrue(hit("*:8", last));
        assertTrue(hit("2,4,10", last));
        assertFalse(hit("1:9", last));
        TestMessage third = sealed().seq(3);
        assertFalse(hit("*", third));
        assertFalse(hit("4:*", third));
        assertTrue(hit("3:*", third));
        assertTrue(hit("5:2", third));
        assertTrue(hit("1,3:4,7", third));
        assertFalse(hit("1,4:5", third));
    }

    @Test
    void uidSetsWithStar() {
        TestMessage m = sealed().uid(42);
        assertTrue(hit("UID 40:45", m));
        assertTrue(hit("UID 1,42", m));
        assertFalse(hit("UID 43:*", m));
        assertFalse(hit("UID *", m));
        assertFalse(hit("UID 1:41,43", m));
        TestMessage top = sealed().uid(100);
        assertTrue(hit("UID *", top));
        // RFC 3501: * is the largest UID in use, so 200:* is 100:200.
        assertTrue(hit("UID 200:*", top));
        assertFalse(hit("UID 200:300", top));
    }

    @Test
    void starInAnEmptyMailboxMatchesNothing() {
        TestMessage m = sealed().seq(1).uid(1);
        assertFalse(hit(Keys.parse("1:*"), m, 0, 0));
        assertFalse(hit(Keys.parse("UID 1:*"), m, 0, 0));
        assertFalse(hit(Keys.parse("UID *"), m, 0, 0));
    }

    @Test
    void savedResultMustBeResolvedBySession() {
        assertFalse(hit(new SearchKey.Sequence(SequenceSet.SAVED), sealed(), 10, 100));
        assertFalse(hit(new SearchKey.Uid(SequenceSet.SAVED), sealed(), 10, 100));
    }

    @Test
    void internalDateComparesTheDayInTheServerZone() {
        // 23:59:59 and 00:00:00 in Berlin (UTC+1 in March), both on 9 March in UTC.
        TestMessage before = sealed().internalDate(Instant.parse("2024-03-09T22:59:59Z").toEpochMilli());
        TestMessage midnight = sealed().internalDate(Instant.parse("2024-03-09T23:00:00Z").toEpochMilli());
        assertFalse(hit("ON 10-Mar-2024", before));
        assertTrue(hit("ON 9-Mar-2024", before));
        assertTrue(hit("BEFORE 10-Mar-2024", before));
        assertFalse(hit("SINCE 10-Mar-2024", before));
        assertTrue(hit("ON 10-Mar-2024", midnight));
        assertFalse(hit("BEFORE 10-Mar-2024", midnight));
        assertTrue(hit("SINCE 10-Mar-2024", midnight));
        assertTrue(hit("SINCE 9-Mar-2024", midnight));
        assertFalse(hit("SINCE 11-Mar-2024", midnight));
        assertTrue(hit("BEFORE 11-Mar-2024", midnight));

        SearchEvaluator utc = SearchEvaluator.of(Keys.parse("ON 9-Mar-2024"), null, 10, 100, NOW, ZoneId.of("UTC"));
        assertTrue(utc.matches(midnight));
    }

    @Test
    void sentDateUsesTheDateHeader() {
        TestMessage m = TestMessage.of("Date: Sat, 09 Mar 2024 23:30:00 +0100\nSubject: x\n\nbody\n")
                .internalDate(Instant.parse("2024-03-12T10:00:00Z").toEpochMilli());
        assertTrue(hit("SENTON 9-Mar-2024", m));
        assertTrue(hit("SENTBEFORE 10-Mar-2024", m));
        assertFalse(hit("SENTBEFORE 9-Mar-2024", m));
        assertTrue(hit("SENTSINCE 9-Mar-2024", m));
        assertFalse(hit("SENTSINCE 10-Mar-2024", m));
        assertTrue(hit("ON 12-Mar-2024", m));
        assertEquals(0, m.contentCalls, "the sent date comes from the summary");
    }

    @Test
    void sentDateFallsBackToInternalDate() {
        TestMessage m = TestMessage.of("Subject: no date\n\nbody\n")
                .internalDate(Instant.parse("2024-03-12T10:00:00Z").toEpochMilli());
        assertTrue(hit("SENTON 12-Mar-2024", m));
    }

    @Test
    void olderAndYoungerCountSecondsBackFromNow() {
        TestMessage hourOld = sealed().internalDate(NOW - 3_600_000);
        assertTrue(hit("YOUNGER 3600", hourOld));
        assertTrue(hit("OLDER 3600", hourOld), "exactly the interval counts as older too, like Dovecot");
        assertFalse(hit("YOUNGER 3599", hourOld));
        assertFalse(hit("OLDER 3601", hourOld));
        assertTrue(hit("YOUNGER 7200", hourOld));
        assertTrue(hit("OLDER 60", hourOld));
        TestMessage future = sealed().internalDate(NOW + 60_000);
        assertTrue(hit("YOUNGER 1", future));
        assertFalse(hit("OLDER 1", future));
    }

    @Test
    void modSeqIsAtLeast() {
        TestMessage m = sealed().modSeq(50);
        assertTrue(hit("MODSEQ 50", m));
        assertTrue(hit("MODSEQ 1", m));
        assertFalse(hit("MODSEQ 51", m));
        assertTrue(hit("MODSEQ \"/flags/\\\\seen\" all 40", m));
        assertFalse(hit("MODSEQ \"/flags/\\\\seen\" priv 60", m));
    }

    @Test
    void notOrAndNest() {
        TestMessage m = sealed().flags(Flags.SEEN).uid(5).seq(2);
        assertFalse(hit("NOT SEEN", m));
        assertTrue(hit("NOT NOT SEEN", m));
        assertTrue(hit("OR SEEN FLAGGED", m));
        assertTrue(hit("OR FLAGGED SEEN", m));
        assertFalse(hit("OR FLAGGED DELETED", m));
        assertTrue(hit("(SEEN UID 5 NOT FLAGGED)", m));
        assertFalse(hit("(SEEN UID 5 FLAGGED)", m));
        assertTrue(hit("OR (UNSEEN UID 5) NOT OR FLAGGED UID 1:4", m));
        assertTrue(hit("NOT (OR FLAGGED (UID 6 SEEN))", m));
        assertTrue(hit("OR (2 SEEN) (3 UNSEEN)", m));
        assertFalse(hit("OR (3 SEEN) (2 UNSEEN)", m));
        assertTrue(hit("NOT OR NOT SEEN NOT UID 5", m));
    }

    @Test
    void charsets() {
        SearchKey all = new SearchKey.All();
        for (String ok : new String[] {"UTF-8", "utf-8", "US-ASCII", "us-ascii"}) {
            assertDoesNotThrow(() -> SearchEvaluator.of(all, ok, 1, 1, NOW));
        }
        assertTrue(SearchEvaluator.of(all, null, 1, 1, NOW).matches(sealed()));
        BadCharsetException e = assertThrows(BadCharsetException.class,
                () -> SearchEvaluator.of(all, "ISO-8859-1", 1, 1, NOW));
        assertEquals("ISO-8859-1", e.charset());
        assertEquals(List.of("UTF-8", "US-ASCII"), e.supported());
        assertThrows(BadCharsetException.class, () -> SearchEvaluator.of(all, "UTF8", 1, 1, NOW));
        assertThrows(BadCharsetException.class, () -> SearchEvaluator.of(all, "", 1, 1, NOW));
    }
}
