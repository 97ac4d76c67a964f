package org.loftmail.imap.wire;

import org.loftmail.imap.parse.StatusItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.loftmail.imap.wire.Wire.utf8;
import static org.loftmail.imap.wire.Wire.write;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.loftmail.core.model.Flags;
import org.loftmail.core.model.MailboxName;
import org.loftmail.core.model.SpecialUse;

class UntaggedResponsesTest {

    @Test
    void capabilityFromEveryEnumValue() {
        CapabilityList all = new CapabilityList(EnumSet.allOf(Capability.class), List.of("PLAIN", "LOGIN"),
                OptionalLong.of(35651584));
        assertEquals("* CAPABILITY IMAP4rev1 IMAP4rev2 STARTTLS LOGINDISABLED AUTH=PLAIN AUTH=LOGIN SASL-IR"
                + " LITERAL+ LITERAL- IDLE NAMESPACE UIDPLUS MOVE UNSELECT ENABLE ID CHILDREN SPECIAL-USE"
                + " LIST-EXTENDED LIST-STATUS ESEARCH BINARY MULTIAPPEND STATUS=SIZE APPENDLIMIT=35651584"
                + " CONDSTORE QRESYNC SORT SORT=DISPLAY THREAD=REFERENCES THREAD=ORDEREDSUBJECT THREAD=REFS ESORT CONTEXT=SEARCH CONTEXT=SORT SEARCHRES WITHIN COMPRESS=DEFLATE PREVIEW SAVEDATE METADATA NOTIFY UTF8=ACCEPT\r\n",
                write(w -> UntaggedResponses.capability(w, all)));
    }

    @Test
    void capabilityOrderIsStableAndAuthIsParameterised() {
        CapabilityList caps = CapabilityList.of(Capability.IDLE, Capability.IMAP4REV1).withAuth("PLAIN")
                .withAppendLimit(1024);
        assertEquals("* CAPABILITY IMAP4rev1 AUTH=PLAIN IDLE APPENDLIMIT=1024\r\n",
                write(w -> UntaggedResponses.capability(w, caps)));
        CapabilityList bare = CapabilityList.of(Capability.IMAP4REV2, Capability.APPENDLIMIT);
        assertEquals("* CAPABILITY IMAP4rev2 APPENDLIMIT\r\n", write(w -> UntaggedResponses.capability(w, bare)));
        assertThrows(IllegalArgumentException.class, () -> CapabilityList.of(Capability.AUTH));
        assertThrows(IllegalArgumentException.class, () -> CapabilityList.of().withAuth("plain"));
        assertThrows(IllegalArgumentException.class, () -> CapabilityList.of().withAuth("X Y"));
        assertEquals(Capability.UTF8_ACCEPT, Capability.byWireName("utf8=accept"));
        assertEquals(null, Capability.byWireName("NOPE"));
    }

    @Test
    void enabled() {
        assertEquals("* ENABLED CONDSTORE QRESYNC\r\n",
                write(w -> UntaggedResponses.enabled(w, EnumSet.of(Capability.QRESYNC, Capability.CONDSTORE))));
        assertEquals("* ENABLED\r\n", write(w -> UntaggedResponses.enabled(w, Set.of())));
    }

    @Test
    void mailboxSizeAndMessageStatus() {
        assertEquals("* FLAGS (\\Seen \\Answered \\Flagged \\Deleted \\Draft)\r\n",
                write(w -> UntaggedResponses.flags(w, Flags.of(Flags.ALL_SYSTEM))));
        assertEquals("* 172 EXISTS\r\n", write(w -> UntaggedResponses.exists(w, 172)));
        assertEquals("* 1 RECENT\r\n", write(w -> UntaggedResponses.recent(w, 1)));
        assertEquals("* 44 EXPUNGE\r\n", write(w -> UntaggedResponses.expunge(w, 44)));
        assertEquals("* VANISHED 405,407,410:425\r\n",
                write(w -> UntaggedResponses.vanished(w, false, NumberSet.builder().add(405).add(407).addRange(410, 425).build())));
        assertEquals("* VANISHED (EARLIER) 41,43:116\r\n",
                write(w -> UntaggedResponses.vanished(w, true, NumberSet.builder().add(41).addRange(43, 116).build())));
    }

    @Test
    void listAndLsub() {
        assertEquals("* LIST (\\HasNoChildren) \"/\" INBOX\r\n",
                write(w -> UntaggedResponses.list(w, ListResponse.of(MailboxName.INBOX, MailboxAttribute.HAS_NO_CHILDREN))));
        assertEquals("* LIST () \"/\" Entw&APw-rfe\r\n",
                write(w -> UntaggedResponses.list(w, ListResponse.of(MailboxName.of("Entwürfe")))));
        assertEquals("* LIST () \"/\" \"" + utf8("Entwürfe") + "\"\r\n",
                write(true, w -> UntaggedResponses.list(w, ListResponse.of(MailboxName.of("Entwürfe")))));
        assertEquals("* LIST (\\Noselect) NIL x\r\n",
                write(w -> UntaggedResponses.list(w, new ListResponse(Set.of(MailboxAttribute.NOSELECT), Set.of(),
                        ListResponse.NO_SEPARATOR, MailboxName.of("x"), List.of()))));
        assertEquals("* LIST (\\Subscribed \\HasNoChildren \\Sent) \"/\" Sent\r\n",
                write(w -> UntaggedResponses.list(w, new ListResponse(
                        Set.of(MailboxAttribute.HAS_NO_CHILDREN, MailboxAttribute.SUBSCRIBED), Set.of(SpecialUse.SENT),
                        '/', MailboxName.of("Sent"), List.of()))));
        assertEquals("* LIST () \"/\" Foo (\"CHILDINFO\" (\"SUBSCRIBED\"))\r\n",
                write(w -> UntaggedResponses.list(w, new ListResponse(Set.of(), Set.of(), '/', MailboxName.of("Foo"),
                        List.of(new ListExtendedItem.ChildInfo(List.of("SUBSCRIBED")))))));
        assertEquals("* LIST () \"/\" New (\"OLDNAME\" (\"Old Name\"))\r\n",
                write(w -> UntaggedResponses.list(w, new ListResponse(Set.of(), Set.of(), '/', MailboxName.of("New"),
                        List.of(new ListExtendedItem.OldName(MailboxName.of("Old Name")))))));
        assertEquals("* LIST () \"\\\\\" a\r\n",
                write(w -> UntaggedResponses.list(w, new ListResponse(Set.of(), Set.of(), '\\', MailboxName.of("a"), List.of()))));
        assertEquals("* LSUB () \"/\" \"NIL\"\r\n",
                write(w -> UntaggedResponses.lsub(w, ListResponse.of(MailboxName.of("NIL")))));
    }

    @Test
    void status() {
        Map<StatusItem, Long> items = new LinkedHashMap<>();
        items.put(StatusItem.MESSAGES, 231L);
        items.put(StatusItem.UIDNEXT, 44292L);
        items.put(StatusItem.HIGHESTMODSEQ, 7011231777L);
        assertEquals("* STATUS blurdybloop (MESSAGES 231 UIDNEXT 44292 HIGHESTMODSEQ 7011231777)\r\n",
                write(w -> UntaggedResponses.status(w, MailboxName.of("blurdybloop"), items)));
        Map<StatusItem, Long> size = new EnumMap<>(StatusItem.class);
        size.put(StatusItem.SIZE, 10L);
        size.put(StatusItem.DELETED, 0L);
        assertEquals("* STATUS \"a b\" (DELETED 0 SIZE 10)\r\n",
                write(w -> UntaggedResponses.status(w, MailboxName.of("a b"), size)));
    }

    @Test
    void search() {
        assertEquals("* SEARCH 2 84 882\r\n", write(w -> UntaggedResponses.search(w, new long[] {2, 84, 882}, 0)));
        assertEquals("* SEARCH\r\n", write(w -> UntaggedResponses.search(w, new long[0], 0)));
        assertEquals("* SEARCH 2 5 (MODSEQ 917162500)\r\n",
                write(w -> UntaggedResponses.search(w, new long[] {2, 5}, 917162500L)));
        assertEquals("* SEARCH\r\n", write(w -> UntaggedResponses.search(w, new long[0], 9)));
    }

    @Test
    void esearch() {
        assertEquals("* ESEARCH (TAG \"A282\") MIN 2 COUNT 3\r\n",
                write(w -> UntaggedResponses.esearch(w, new EsearchResult("A282", false, OptionalLong.of(2),
                        OptionalLong.empty(), null, OptionalLong.of(3), OptionalLong.empty()))));
        assertEquals("* ESEARCH (TAG \"A283\") UID MIN 2 MAX 11 ALL 2,10:11 MODSEQ 917162500\r\n",
                write(w -> UntaggedResponses.esearch(w, new EsearchResult("A283", true, OptionalLong.of(2),
                        OptionalLong.of(11), NumberSet.of(2, 10, 11), OptionalLong.empty(), OptionalLong.of(917162500)))));
        assertEquals("* ESEARCH (TAG \"A284\") COUNT 0\r\n",
                write(w -> UntaggedResponses.esearch(w, new EsearchResult("A284", false, OptionalLong.empty(),
                        OptionalLong.empty(), null, OptionalLong.of(0), OptionalLong.empty()))));
        assertEquals("* ESEARCH UID\r\n",
                write(w -> UntaggedResponses.esearch(w, new EsearchResult(null, true, OptionalLong.empty(),
                        OptionalLong.empty(), null, OptionalLong.empty(), OptionalLong.empty()))));
    }

    @Test
    void id() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", "Loft");
        fields.put("version", "0.1.0");
        fields.put("support-url", null);
        assertEquals("* ID (\"name\" \"Loft\" \"version\" \"0.1.0\" \"support-url\" NIL)\r\n",
                write(w -> UntaggedResponses.id(w, fields)));
        assertEquals("* ID NIL\r\n", write(w -> UntaggedResponses.id(w, null)));
    }

    @Test
    void namespace() {
        assertEquals("* NAMESPACE ((\"\" \"/\")) NIL NIL\r\n",
                write(w -> UntaggedResponses.namespace(w, List.of(new Namespace("", '/')), null, List.of())));
        assertEquals("* NAMESPACE ((\"\" \"/\")) ((\"~\" \"/\")) ((\"Geteilt&APw-/\" \"/\")(\"Public/\" NIL))\r\n",
                write(w -> UntaggedResponses.namespace(w, List.of(new Namespace("", '/')),
                        List.of(new Namespace("~", '/')),
                        List.of(new Namespace("Geteiltü/", '/'), new Namespace("Public/", ListResponse.NO_SEPARATOR)))));
    }
}
