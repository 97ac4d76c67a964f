package org.loftmail.imap.parse;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.loftmail.imap.codec.ImapLiteral;

/**
 * One record per IMAP command, holding its tag and typed arguments. The family is closed so
 * the command layer can {@code switch} over it. Mailbox names and patterns are raw strings
 * (modified UTF-7 or UTF-8); flags are raw names ({@code \Seen}, keywords) because
 * {@code \Recent} and invalid keywords must reach the handler to be answered properly.
 * Numbers that RFC 7162 makes optional use -1 for "absent".
 */
public sealed interface ImapCommand extends ParseResult {

    record Capability(String tag) implements ImapCommand { }

    record Noop(String tag) implements ImapCommand { }

    record Logout(String tag) implements ImapCommand { }

    record StartTls(String tag) implements ImapCommand { }

    /** {@code initialResponse} is the RFC 4959 SASL-IR base64 text, "" for "=", null if absent. */
    record Authenticate(String tag, String mechanism, String initialResponse) implements ImapCommand { }

    record Login(String tag, String user, String password) implements ImapCommand {
        @Override
        public String toString() {
            return "Login[tag=" + tag + ", user=" + user + ", password=***]";
        }
    }

    /** SELECT, or EXAMINE when {@code readOnly}; {@code qresync} is null unless given. */
    record Select(String tag, String mailbox, boolean readOnly, boolean condStore, QResync qresync)
        implements ImapCommand { }

    /**
     * RFC 7162 QRESYNC select parameter; {@code knownUids}, {@code knownSequence} and
     * {@code knownSequenceUids} may be null.
     */
    record QResync(long uidValidity, long modSeq, SequenceSet knownUids, SequenceSet knownSequence,
                   SequenceSet knownSequenceUids) { }

    /** {@code specialUse}: RFC 6154 USE attributes, e.g. {@code \Sent}. */
    record Create(String tag, String mailbox, List<String> specialUse) implements ImapCommand { }

    record Delete(String tag, String mailbox) implements ImapCommand { }

    record Rename(String tag, String from, String to) implements ImapCommand { }

    record Subscribe(String tag, String mailbox) implements ImapCommand { }

    record Unsubscribe(String tag, String mailbox) implements ImapCommand { }

    /**
     * RFC 5464 GETMETADATA: {@code mailbox} "" for the server's entries; {@code maxSize} -1 when
     * not given; {@code depth} 0, 1 or {@link #INFINITY}; entry names lower-cased.
     */
    record GetMetadata(String tag, String mailbox, long maxSize, int depth, List<String> entries)
        implements ImapCommand {
        public static final int INFINITY = Integer.MAX_VALUE;
    }

    /**
     * RFC 5464 SETMETADATA: lower-case entry name → value bytes, null to remove, in the order
     * given. {@code oversized} is the size of the largest value too big to hold in memory (0 if none).
     */
    record SetMetadata(String tag, String mailbox, Map<String, byte[]> entries, long oversized)
        implements ImapCommand { }

    /**
     * LIST in its RFC 3501 form ({@code extended} false, one pattern, no options) or RFC 5258
     * LIST-EXTENDED. Options are upper-case ({@code SUBSCRIBED}, {@code RECURSIVEMATCH},
     * {@code SPECIAL-USE}, {@code CHILDREN} ...); RFC 5819 {@code RETURN (STATUS (...))} items
     * are in {@code returnStatus}, empty when not asked.
     */
    record ListMailboxes(String tag, Set<String> selectOptions, String reference, List<String> patterns,
                         Set<String> returnOptions, List<StatusItem> returnStatus, boolean extended)
        implements ImapCommand { }

    record Lsub(String tag, String reference, String pattern) implements ImapCommand { }

    record Namespace(String tag) implements ImapCommand { }

    record Status(String tag, String mailbox, List<StatusItem> items) implements ImapCommand { }

    /** One message per entry: several with RFC 3502 MULTIAPPEND. */
    record Append(String tag, String mailbox, List<AppendMessage> messages) implements ImapCommand { }

    /**
     * {@code internalDate} is null when not given. {@code content} belongs to the frame: it is
     * released when the frame is closed; a {@link ImapLiteral.Streamed} one was delivered as
     * chunks before the frame.
     */
    record AppendMessage(List<String> flags, OffsetDateTime internalDate, ImapLiteral content) { }

    record Check(String tag) implements ImapCommand { }

    record Close(String tag) implements ImapCommand { }

    record Unselect(String tag) implements ImapCommand { }

    /** EXPUNGE, or RFC 4315 UID EXPUNGE when {@code uids} is not null. */
    record Expunge(String tag, SequenceSet uids) implements ImapCommand { }

    /**
     * {@code charset} is null when not given; {@code returnOptions} is null for a classic SEARCH
     * (untagged SEARCH response) and a set (empty means ALL) for RFC 4731 ESEARCH.
     */
    /** {@code partial} is the RFC 5267 PARTIAL range, null unless asked. */
    record Search(String tag, boolean uid, String charset, Set<SearchReturn> returnOptions, SearchKey key,
                  PartialRange partial) implements ImapCommand { }

    /** Macros are expanded; {@code changedSince} is -1 unless the RFC 7162 modifier is given. */
    record Fetch(String tag, boolean uid, SequenceSet set, List<FetchAttribute> attributes,
                 long changedSince, boolean vanished) implements ImapCommand { }

    /** {@code unchangedSince} is -1 unless the RFC 7162 modifier is given. */
    record Store(String tag, boolean uid, SequenceSet set, long unchangedSince, StoreMode mode,
                 boolean silent, List<String> flags) implements ImapCommand { }

    /** FLAGS, +FLAGS or -FLAGS. */
    enum StoreMode { REPLACE, ADD, REMOVE }

    record Copy(String tag, boolean uid, SequenceSet set, String mailbox) implements ImapCommand { }

    record Move(String tag, boolean uid, SequenceSet set, String mailbox) implements ImapCommand { }

    record Idle(String tag) implements ImapCommand { }

    /** RFC 4978 COMPRESS; {@code mechanism} upper-cased (DEFLATE). */
    record Compress(String tag, String mechanism) implements ImapCommand { }

    /** Capability names upper-cased. */
    record Enable(String tag, List<String> capabilities) implements ImapCommand { }

    /** RFC 2971 ID; {@code parameters} is null for NIL, values may be null. */
    record Id(String tag, Map<String, String> parameters) implements ImapCommand { }

    /** RFC 5256 SORT; {@code returnOptions} as in {@link Search} (RFC 5267 ESORT). */
    record Sort(String tag, boolean uid, List<SortSpec> criteria, String charset, SearchKey key,
                Set<SearchReturn> returnOptions, PartialRange partial) implements ImapCommand { }

    /**
     * RFC 5465 NOTIFY SET (with {@code groups}) or NOTIFY NONE ({@code groups} null). Checked
     * against the RFC's rules by the parser, except for which events are supported.
     */
    record Notify(String tag, boolean status, List<NotifyGroup> groups) implements ImapCommand { }

    /**
     * One event group: {@code filter} is {@code selected}, {@code selected-delayed},
     * {@code inboxes}, {@code personal}, {@code subscribed}, {@code subtree} or {@code mailboxes}
     * (lower case), {@code mailboxes} the raw names of the last two; {@code events} the event
     * names as the RFC spells them (empty for NONE), {@code newMessageFetch} MessageNew's
     * fetch-att list (empty if none given).
     */
    record NotifyGroup(String filter, List<String> mailboxes, Set<String> events,
                       List<FetchAttribute> newMessageFetch) {
        public boolean selected() {
            return filter.startsWith("selected");
        }
    }

    /** RFC 5267 CANCELUPDATE: the tags of the searches whose updates end. */
    record CancelUpdate(String tag, List<String> tags) implements ImapCommand { }

    /** RFC 5256 THREAD; {@code algorithm} upper-cased (ORDEREDSUBJECT, REFERENCES). */
    record ThreadMessages(String tag, boolean uid, String algorithm, String charset, SearchKey key)
        implements ImapCommand { }
}
