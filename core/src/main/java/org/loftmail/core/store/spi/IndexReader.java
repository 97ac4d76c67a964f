package org.loftmail.core.store.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.Predicate;
import org.loftmail.core.mime.ThreadKeys;
import org.loftmail.core.model.MailboxGuid;
import org.loftmail.core.model.MailboxName;
import org.loftmail.core.model.MessageGuid;
import org.loftmail.core.search.SortCriterion;
import org.loftmail.core.store.MailboxInfo;
import org.loftmail.core.store.MessageInfo;

/** A consistent read view of one user's index (one LMDB read transaction). */
public interface IndexReader {
    /** All mailboxes, sorted by name. */
    List<MailboxInfo> mailboxes();

    Optional<MailboxInfo> mailbox(MailboxGuid guid);

    Optional<MailboxInfo> mailbox(MailboxName name);

    MailboxCounts counts(MailboxGuid mailbox);

    Optional<MessageInfo> message(MailboxGuid mailbox, long uid);

    /** Visits messages with {@code fromUid <= uid <= toUid} in UID order until the visitor returns false. */
    void messages(MailboxGuid mailbox, long fromUid, long toUid, Predicate<MessageInfo> visitor);

    /** Visits every message's UID and flags in UID order, without the rest of its record, until false. */
    void flags(MailboxGuid mailbox, FlagsVisitor visitor);

    /** Visits messages whose modseq is greater than {@code modSeq}, in modseq order (CONDSTORE). */
    void changedSince(MailboxGuid mailbox, long modSeq, Predicate<MessageInfo> visitor);

    /** UIDs expunged with a modseq greater than {@code modSeq}, ascending (QRESYNC VANISHED). */
    List<Long> expungedSince(MailboxGuid mailbox, long modSeq);

    /** Visits UIDs in ascending order of the criterion's key (ties by UID) until false. */
    void sorted(MailboxGuid mailbox, SortCriterion criterion, SortVisitor visitor);

    /**
     * For each message with {@code uid >= fromUid}, in UID order, the message just before it in
     * the order of {@code criterion} (as {@link #sorted} gives it) and whether they tie: what a
     * kept order needs to take in new messages without reading the whole order again.
     */
    void sortPlacements(MailboxGuid mailbox, SortCriterion criterion, long fromUid, SortPlacementVisitor visitor);

    /** Visits the thread keys of every message in the mailbox in UID order, until false. */
    default void threadKeys(MailboxGuid mailbox, ThreadKeysVisitor visitor) {
        threadKeys(mailbox, 0, visitor);
    }

    /** As {@link #threadKeys(MailboxGuid, ThreadKeysVisitor)} for the messages with {@code uid >= fromUid}. */
    void threadKeys(MailboxGuid mailbox, long fromUid, ThreadKeysVisitor visitor);

    Optional<BlobEntry> blob(MessageGuid guid);

    /** The cached {@link org.loftmail.core.mime.MessageSummary#toBytes()} of a message. */
    Optional<byte[]> summary(MessageGuid guid);

    /** Change-log entries with seq greater than {@code afterSeq}, oldest first, at most {@code limit}. */
    List<ChangeRecord> changes(long afterSeq, int limit);

    /** The seq of the newest change-log entry, 0 if none. */
    long lastChangeSeq();

    /** Subscribed names, sorted. */
    List<MailboxName> subscriptions();

    /** RFC 5464 entries of a mailbox, or of the server for null, by lower-case name. */
    SortedMap<String, byte[]> metadata(MailboxGuid mailbox);

    /** End of the last blob-store append committed with the index, empty if none. */
    Optional<BlobLocation> tail();

    /** Live bytes per blob file, for purge. */
    Map<Integer, Long> liveBytes();
}
