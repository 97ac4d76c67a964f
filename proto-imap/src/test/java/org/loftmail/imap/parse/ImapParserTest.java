package org.loftmail.imap.parse;

import org.loftmail.core.search.SortCriterion;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.loftmail.imap.codec.ImapFrame;
import org.loftmail.imap.codec.ImapLiteral;
import org.loftmail.imap.parse.FetchAttribute.Item;
import org.loftmail.imap.parse.FetchAttribute.SectionText;
import org.loftmail.imap.parse.SearchKey.Flag;

class ImapParserTest {
    private static final SequenceSet ONE = SequenceSet.parse("1");

    private static ParseResult p(String wire) {
        return Frames.parse(wire);
    }

    @Test
    void rfc3501SampleSession() {
        assertEquals(new ImapCommand.Login("a001", "mrc", "secret"), p("a001 login mrc secret"));
        assertEquals(new ImapCommand.Select("a002", "inbox", false, false, null), p("a002 select inbox"));
        assertEquals(new ImapCommand.Fetch("a003", false, SequenceSet.parse("12"), List.of(Item.FLAGS,
            Item.INTERNALDATE, Item.RFC822_SIZE, Item.ENVELOPE, Item.BODY), -1, false), p("a003 fetch 12 full"));
        assertEquals(new ImapCommand.Fetch("a004", false, SequenceSet.parse("12"),
                List.of(new FetchAttribute.Body(false, new FetchAttribute.Section(List.of(), SectionText.HEADER, List.of()), null)),
                -1, false),
            p("a004 fetch 12 body[header]"));
        assertEquals(new ImapCommand.Store("a005", false, SequenceSet.parse("12"), -1, ImapCommand.StoreMode.ADD,
            false, List.of("\\deleted")), p("a005 store 12 +flags \\deleted"));
        assertEquals(new ImapCommand.Logout("a006"), p("a006 logout"));
    }

    @Test
    void simpleCommands() {
        assertEquals(new ImapCommand.Capability("t"), p("t CAPABILITY"));
        assertEquals(new ImapCommand.Noop("t"), p("t noop"));
        assertEquals(new ImapCommand.StartTls("t"), p("t StartTLS"));
        assertEquals(new ImapCommand.Namespace("t"), p("t NAMESPACE"));
        assertEquals(new ImapCommand.Check("t"), p("t CHECK"));
        assertEquals(new ImapCommand.Close("t"), p("t CLOSE"));
        assertEquals(new ImapCommand.Unselect("t"), p("t UNSELECT"));
        assertEquals(new ImapCommand.Expunge("t", null), p("t EXPUNGE"));
        assertEquals(new ImapCommand.Idle("t"), p("t IDLE"));
        assertEquals(new ImapCommand.Expunge("t", SequenceSet.parse("3:5,9")), p("t UID EXPUNGE 3:5,9"));
        assertEquals(new ImapCommand.Noop("a]b.1"), p("a]b.1 NOOP"));
    }

    @Test
    void authenticate() {
        assertEquals(new ImapCommand.Authenticate("t", "PLAIN", null), p("t AUTHENTICATE plain"));
        assertEquals(new ImapCommand.Authenticate("t", "PLAIN", "AGFsaWNlAHNlY3JldA=="),
            p("t AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA=="));
        assertEquals(new ImapCommand.Authenticate("t", "EXTERNAL", ""), p("t AUTHENTICATE EXTERNAL ="));
    }

    @Test
    void loginWithQuotedAndLiteralStrings() {
        assertEquals(new ImapCommand.Login("t", "al\"ice", "p\\w d"), p("t LOGIN \"al\\\"ice\" \"p\\\\w d\""));
        assertEquals(new ImapCommand.Login("t", "alice", "s e\r\ncret"), p("t LOGIN {5}\r\nalice {9}\r\ns e\r\ncret"));
        assertEquals(new ImapCommand.Login("t", "", "x"), p("t LOGIN \"\" {1+}\r\nx"));
        assertEquals(new ImapCommand.Login("t", "jörg", "ü"), p("t LOGIN \"jörg\" \"ü\""));
        assertFalse(p("t LOGIN a b").toString().contains("b]"), "password is not logged");
    }

    @Test
    void selectWithCondstoreAndQresync() {
        assertEquals(new ImapCommand.Select("t", "INBOX", true, true, null), p("t EXAMINE INBOX (CONDSTORE)"));
        assertEquals(new ImapCommand.Select("t", "a b", false, false,
                new ImapCommand.QResync(67890007, 20050715194045000L, SequenceSet.parse("41,43:211,214:541"),
                    SequenceSet.parse("1:5"), SequenceSet.parse("41:45"))),
            p("t SELECT \"a b\" (QRESYNC (67890007 20050715194045000 41,43:211,214:541 (1:5 41:45)))"));
        assertEquals(new ImapCommand.Select("t", "x", false, false, new ImapCommand.QResync(1, 2, null, null, null)),
            p("t SELECT x (QRESYNC (1 2))"));
        assertEquals(new ImapCommand.Select("t", "x", false, true, new ImapCommand.QResync(1, 2, null,
            SequenceSet.parse("1"), SequenceSet.parse("7"))), p("t SELECT x (CONDSTORE QRESYNC (1 2 (1 7)))"));
    }

    @Test
    void mailboxManagement() {
        assertEquals(new ImapCommand.Create("t", "Sent Items", List.of("\\Sent")),
            p("t CREATE \"Sent Items\" (USE (\\Sent))"));
        assertEquals(new ImapCommand.Create("t", "a/b", List.of()), p("t CREATE a/b"));
        assertEquals(new ImapCommand.Delete("t", "&AMQ-x"), p("t DELETE &AMQ-x"));
        assertEquals(new ImapCommand.Rename("t", "a", "b c"), p("t RENAME a {3}\r\nb c"));
        assertEquals(new ImapCommand.Subscribe("t", "x"), p("t SUBSCRIBE x"));
        assertEquals(new ImapCommand.Unsubscribe("t", "x"), p("t UNSUBSCRIBE \"x\""));
    }

    @Test
    void list() {
        assertEquals(new ImapCommand.ListMailboxes("t", Set.of(), "", List.of("*"), Set.of(), List.of(), false),
            p("t LIST \"\" *"));
        assertEquals(new ImapCommand.ListMailboxes("t", Set.of(), "~/Mail/", List.of("%"), Set.of(), List.of(), false),
            p("t LIST ~/Mail/ %"));
        assertEquals(new ImapCommand.ListMailboxes("t", Set.of("SUBSCRIBED", "RECURSIVEMATCH"), "",
                List.of("INBOX*", "Foo/%"), Set.of("CHILDREN", "STATUS"),
                List.of(StatusItem.MESSAGES, StatusItem.SIZE), true),
            p("t LIST (subscribed RECURSIVEMATCH) \"\" (INBOX* \"Foo/%\") RETURN (CHILDREN STATUS (MESSAGES SIZE))"));
        assertEquals(new ImapCommand.ListMailboxes("t", Set.of(), "", List.of("%"), Set.of("SPECIAL-USE"), List.of(), true),
            p("t LIST () \"\" % RETURN (SPECIAL-USE)"));
        assertEquals(new ImapCommand.Lsub("t", "#news.", "comp.mail.*"), p("t LSUB #news. comp.mail.*"));
    }

    @Test
    void status() {
        assertEquals(new ImapCommand.Status("t", "blurdybloop", List.of(StatusItem.UIDNEXT, StatusItem.MESSAGES,
                StatusItem.HIGHESTMODSEQ, StatusItem.DELETED, StatusItem.SIZE, StatusItem.UNSEEN)),
            p("t STATUS blurdybloop (UIDNEXT messages HIGHESTMODSEQ DELETED SIZE UNSEEN)"));
    }

    @Test
    void appendSingleAndMulti() {
        List<ImapFrame.Command> frames = Frames.decode(
            "t APPEND saved-messages (\\Seen) \" 7-Feb-1994 21:52:25 -0800\" {5}\r\nhello ~{3+}\r\na\0b\r\n");
        try (ImapFrame.Command f = frames.get(0)) {
            ImapCommand.Append a = (ImapCommand.Append) ImapParser.parse(f);
            assertEquals("saved-messages", a.mailbox());
            assertEquals(2, a.messages().size());
            ImapCommand.AppendMessage m = a.messages().get(0);
            assertEquals(List.of("\\Seen"), m.flags());
            assertEquals(OffsetDateTime.of(1994, 2, 7, 21, 52, 25, 0, ZoneOffset.ofHours(-8)), m.internalDate());
            assertEquals("hello", ((ImapLiteral.InMemory) m.content()).content().toString(StandardCharsets.US_ASCII));
            ImapCommand.AppendMessage m2 = a.messages().get(1);
            assertEquals(List.of(), m2.flags());
            assertNull(m2.internalDate());
            assertTrue(m2.content().binary());
            assertEquals(3, m2.content().size());
        }
        ImapCommand.Append plain = (ImapCommand.Append) p("t APPEND INBOX () {0+}\r\n\r\n");
        assertEquals(0, plain.messages().get(0).content().size());
    }

    @Test
    void fetchItems() {
        ImapCommand.Fetch f = (ImapCommand.Fetch) p("t UID FETCH 1:* (UID FLAGS RFC822.SIZE RFC822.HEADER RFC822.TEXT "
            + "RFC822 INTERNALDATE ENVELOPE BODY BODYSTRUCTURE MODSEQ BODY.PEEK[1.2.HEADER.FIELDS (From \"To\")]<0.100> "
            + "BODY[HEADER.FIELDS.NOT (Received)] BODY[] BODY[3.MIME] BODY[2.TEXT] BODY[4.1] BINARY.PEEK[1]<5.10> "
            + "BINARY[] BINARY.SIZE[2.3]) (CHANGEDSINCE 12345 VANISHED)");
        assertTrue(f.uid());
        assertTrue(f.vanished());
        assertEquals(12345, f.changedSince());
        assertEquals(List.of(Item.UID, Item.FLAGS, Item.RFC822_SIZE, Item.RFC822_HEADER, Item.RFC822_TEXT,
            Item.RFC822, Item.INTERNALDATE, Item.ENVELOPE, Item.BODY, Item.BODYSTRUCTURE, Item.MODSEQ,
            new FetchAttribute.Body(true, new FetchAttribute.Section(List.of(1, 2), SectionText.HEADER_FIELDS,
                List.of("From", "To")), new FetchAttribute.Partial(0, 100)),
            new FetchAttribute.Body(false, new FetchAttribute.Section(List.of(), SectionText.HEADER_FIELDS_NOT,
                List.of("Received")), null),
            new FetchAttribute.Body(false, new FetchAttribute.Section(List.of(), SectionText.NONE, List.of()), null),
            new FetchAttribute.Body(false, new FetchAttribute.Section(List.of(3), SectionText.MIME, List.of()), null),
            new FetchAttribute.Body(false, new FetchAttribute.Section(List.of(2), SectionText.TEXT, List.of()), null),
            new FetchAttribute.Body(false, new FetchAttribute.Section(List.of(4, 1), SectionText.NONE, List.of()), null),
            new FetchAttribute.Binary(true, List.of(1), new FetchAttribute.Partial(5, 10)),
            new FetchAttribute.Binary(false, List.of(), null),
            new FetchAttribute.BinarySize(List.of(2, 3))), f.attributes());
        assertEquals(List.of(Item.FLAGS, Item.INTERNALDATE, Item.RFC822_SIZE),
            ((ImapCommand.Fetch) p("t FETCH $ fast")).attributes());
        assertEquals(4, ((ImapCommand.Fetch) p("t FETCH 2,4 ALL")).attributes().size());
        assertEquals(List.of(Item.FLAGS), ((ImapCommand.Fetch) p("t FETCH 1 (FLAGS) (CHANGEDSINCE 1)")).attributes());
    }

    @Test
    void store() {
        assertEquals(new ImapCommand.Store("t", true, SequenceSet.parse("2:4"), 320162338, ImapCommand.StoreMode.REMOVE,
                true, List.of("\\Seen", "$Junk")),
            p("t UID STORE 2:4 (UNCHANGEDSINCE 320162338) -FLAGS.SILENT (\\Seen $Junk)"));
        assertEquals(new ImapCommand.Store("t", false, ONE, -1, ImapCommand.StoreMode.REPLACE, false, List.of()),
            p("t STORE 1 FLAGS ()"));
        assertEquals(new ImapCommand.Store("t", false, ONE, -1, ImapCommand.StoreMode.ADD, false,
            List.of("\\Flagged", "foo")), p("t STORE 1 +FLAGS \\Flagged foo"));
    }

    @Test
    void copyAndMove() {
        assertEquals(new ImapCommand.Copy("t", false, SequenceSet.parse("2:4"), "MEETING"), p("t COPY 2:4 MEETING"));
        assertEquals(new ImapCommand.Move("t", true, SequenceSet.parse("42:69"), "foo"), p("t UID MOVE 42:69 foo"));
        assertEquals(new ImapCommand.Copy("t", true, SequenceSet.SAVED, "x"), p("t UID COPY $ x"));
    }

    @Test
    void search() {
        ImapCommand.Search s = (ImapCommand.Search) p("t SEARCH FLAGGED SINCE 1-Feb-1994 NOT FROM \"Smith\"");
        assertNull(s.charset());
        assertNull(s.returnOptions());
        assertEquals(new SearchKey.And(List.of(new Flag("\\Flagged", true),
            new SearchKey.Date(false, SearchKey.Comparison.SINCE, LocalDate.of(1994, 2, 1)),
            new SearchKey.Not(new SearchKey.Text(SearchKey.Field.FROM, "Smith")))), s.key());
        ImapCommand.Search u = (ImapCommand.Search) p("t UID SEARCH RETURN (MIN COUNT SAVE) CHARSET UTF-8 "
            + "OR (SEEN UNKEYWORD $x) 1:5,* UID 3:* HEADER X-Spam \"\" LARGER 100 SMALLER 5 SENTON \"2-Mar-2020\" "
            + "MODSEQ \"/flags/\\\\draft\" all 620162338 MODSEQ 5 YOUNGER 60 NEW OLD ALL TEXT {3}\r\nf o");
        assertTrue(u.uid());
        assertEquals("UTF-8", u.charset());
        assertEquals(Set.of(SearchReturn.MIN, SearchReturn.COUNT, SearchReturn.SAVE), u.returnOptions());
        List<SearchKey> keys = ((SearchKey.And) u.key()).keys();
        assertEquals(new SearchKey.Or(new SearchKey.And(List.of(new Flag("\\Seen", true), new Flag("$x", false))),
            new SearchKey.Sequence(SequenceSet.parse("1:5,*"))), keys.get(0));
        assertEquals(new SearchKey.Uid(SequenceSet.parse("3:*")), keys.get(1));
        assertEquals(new SearchKey.Header("X-Spam", ""), keys.get(2));
        assertEquals(new SearchKey.Size(true, 100), keys.get(3));
        assertEquals(new SearchKey.Size(false, 5), keys.get(4));
        assertEquals(new SearchKey.Date(true, SearchKey.Comparison.ON, LocalDate.of(2020, 3, 2)), keys.get(5));
        assertEquals(new SearchKey.ModSeq("/flags/\\draft", "all", 620162338), keys.get(6));
        assertEquals(new SearchKey.ModSeq(null, null, 5), keys.get(7));
        assertEquals(new SearchKey.Within(true, 60), keys.get(8));
        assertEquals(new SearchKey.And(List.of(new Flag("\\Recent", true), new Flag("\\Seen", false))), keys.get(9));
        assertEquals(new Flag("\\Recent", false), keys.get(10));
        assertEquals(new SearchKey.All(), keys.get(11));
        assertEquals(new SearchKey.Text(SearchKey.Field.TEXT, "f o"), keys.get(12));
        assertEquals(Set.of(), ((ImapCommand.Search) p("t SEARCH RETURN () ALL")).returnOptions());
        assertEquals(new SearchKey.Sequence(SequenceSet.SAVED), ((ImapCommand.Search) p("t SEARCH $")).key());
    }

    @Test
    void sortAndThread() {
        assertEquals(new ImapCommand.Sort("t", true, List.of(new SortSpec(SortCriterion.SUBJECT, true),
                new SortSpec(SortCriterion.DATE, false)), "UTF-8",
                new SearchKey.And(List.of(new Flag("\\Deleted", false), new SearchKey.Text(SearchKey.Field.SUBJECT, "x"))),
                Set.of(SearchReturn.COUNT), null),
            p("t UID SORT RETURN (COUNT) (REVERSE SUBJECT date) UTF-8 UNDELETED SUBJECT x"));
        assertEquals(new ImapCommand.Sort("t", false, List.of(new SortSpec(SortCriterion.DISPLAYFROM, false)),
            "US-ASCII", new SearchKey.All(), null, null), p("t SORT (DISPLAYFROM) US-ASCII ALL"));
        assertEquals(new ImapCommand.ThreadMessages("t", false, "ORDEREDSUBJECT", "UTF-8",
                new SearchKey.Date(false, SearchKey.Comparison.SINCE, LocalDate.of(1995, 7, 5))),
            p("t THREAD orderedsubject UTF-8 SINCE 5-Jul-1995"));
        assertTrue(((ImapCommand.ThreadMessages) p("t UID THREAD REFERENCES US-ASCII ALL")).uid());
    }

    @Test
    void enableAndId() {
        assertEquals(new ImapCommand.Enable("t", List.of("CONDSTORE", "X-GOOD-IDEA")), p("t ENABLE condstore X-GOOD-IDEA"));
        assertEquals(new ImapCommand.Id("t", null), p("t ID NIL"));
        ImapCommand.Id id = (ImapCommand.Id) p("t ID (\"name\" \"sodr\" \"version\" NIL)");
        assertEquals(List.of("name", "version"), List.copyOf(id.parameters().keySet()));
        assertEquals("sodr", id.parameters().get("name"));
        assertTrue(id.parameters().containsKey("version"));
        assertEquals(Map.of(), ((ImapCommand.Id) p("t ID ()")).parameters());
    }

    @Test
    void sequenceSetMembership() {
        SequenceSet s = SequenceSet.parse("1:3,7,10:*,5:4");
        assertTrue(s.contains(2, 20));
        assertTrue(s.contains(7, 20));
        assertTrue(s.contains(4, 20));
        assertFalse(s.contains(6, 20));
        assertTrue(s.contains(15, 20));
        assertFalse(s.contains(21, 20));
        assertTrue(SequenceSet.parse("*:10").contains(3, 3), "*:10 with max 3 is 3:10");
        assertEquals("1:3,7,10:*,5:4", s.toString());
        assertFalse(SequenceSet.SAVED.contains(1, 1));
        assertEquals(4294967295L, SequenceSet.parse("4294967295").ranges().get(0).from());
    }

    @Test
    void streamedLiteralCannotBeAnAstring() {
        // Over the test decoder's 50 000-byte stream threshold.
        String big = "x".repeat(60_000);
        assertEquals(new ParseError("t", "Literal too large for user name"), p("t LOGIN {60000+}\r\n" + big + " p"));
    }

    @Test
    void everyResultCarriesItsTag() {
        assertInstanceOf(ImapCommand.class, p("Z9 NOOP"));
        assertEquals("Z9", p("Z9 NOOP").tag());
    }
}
