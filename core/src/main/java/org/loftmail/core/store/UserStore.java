package org.loftmail.core.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import org.loftmail.core.mime.MessageSummary;
import org.loftmail.core.model.Flags;
import org.loftmail.core.model.MailboxGuid;
import org.loftmail.core.model.MailboxName;
import org.loftmail.core.model.MessageContent;
import org.loftmail.core.model.MessageGuid;
import org.loftmail.core.model.SpecialUse;
import org.loftmail.core.model.UserId;
import org.loftmail.core.search.SortCriterion;

/**
 * One user's mailboxes. Thread-safe. Reads see the last committed state; every write is durable
 * when its method returns, is one transaction, and bumps the mailbox's modseq.
 * Messages are addressed by mailbox GUID after lookup, so a rename by another session does not
 * change what a selected mailbox refers to.
 */
public interface UserStore {
    UserId user();

    /** All mailboxes, sorted by name. */
    List<MailboxInfo> mailboxes();

    Optional<MailboxInfo> mailbox(MailboxName name);

    Optional<MailboxInfo> mailbox(MailboxGuid guid);

    /** Creates the mailbox (and missing parents, as RFC 3501 CREATE does). */
    MailboxInfo create(MailboxName name, Set<SpecialUse> specialUse);

    /** Renames a mailbox with all its children; renaming INBOX moves its messages (RFC 3501). */
    void rename(MailboxName from, MailboxName to);

    /** Deletes a mailbox and its messages; children stay. INBOX cannot be deleted. */
    void delete(MailboxName name);

    void subscribe(MailboxName name, boolean subscribed);

    /** Subscribed names, sorted; may include names that do not exist. */
    List<MailboxName> subscriptions();

    /**
     * The RFC 5464 METADATA entries of a mailbox, or the user's server entries for null, by
     * lower-case entry name ({@code /private/comment}).
     */
    SortedMap<String, byte[]> metadata(MailboxGuid mailbox);

    /**
     * Sets and (null values) removes entries of a mailbox, or of the server for null, all or none.
     * Names must be lower-case. Fails with {@link StorageException.Kind#LIMIT} when the mailbox
     * would hold more than {@code maxEntries} entries, {@link StorageException.Kind#NOT_FOUND}
     * when the mailbox is gone.
     */
    void setMetadata(MailboxGuid mailbox, Map<String, byte[]> changes, int maxEntries);

    MailboxStatus status(MailboxGuid mailbox);

    /** Saves a message durably. */
    AppendResult append(MailboxGuid mailbox, MessageContent content, Flags flags, long internalDate);

    /** Messages with {@code fromUid <= uid <= toUid}, in UID order. */
    List<MessageInfo> messages(MailboxGuid mailbox, long fromUid, long toUid);

    Optional<MessageInfo> message(MailboxGuid mailbox, long uid);

    /** What SELECT needs: every UID, the first unseen message and the keywords in use. */
    MailboxView view(MailboxGuid mailbox);

    /** Messages whose modseq is greater than {@code modSeq}, in modseq order (RFC 7162 CHANGEDSINCE). */
    List<MessageInfo> changedSince(MailboxGuid mailbox, long modSeq);

    /** UIDs expunged with a modseq greater than {@code modSeq}, ascending (RFC 7162 VANISHED). */
    List<Long> expungedSince(MailboxGuid mailbox, long modSeq);

    /** Every message in the order of one sort key, from the index alone (RFC 5256 SORT). */
    SortOrder sortOrder(MailboxGuid mailbox, SortCriterion criterion);

    /** The RFC 5256 THREAD inputs of every message, in UID order. */
    ThreadKeyList threadKeys(MailboxGuid mailbox);

    /** The exact stored bytes of a message. */
    MessageContent content(MailboxGuid mailbox, long uid);

    /**
     * The exact stored bytes of the message with this GUID, for a caller that has its record
     * already (from {@link #messages}): one index lookup fewer than by mailbox and UID.
     */
    MessageContent content(MessageGuid guid);

    /** The parsed summary computed at save time. */
    MessageSummary summary(MailboxGuid mailbox, long uid);

    /** Applies a flag change; returns the messages as they are now (with new modseqs). */
    List<MessageInfo> store(MailboxGuid mailbox, Collection<Long> uids, FlagUpdate update);

    /**
     * As {@link #store(MailboxGuid, Collection, FlagUpdate)}, but in the same transaction leaves
     * alone every message whose modseq is greater than {@code unchangedSince} (RFC 7162
     * UNCHANGEDSINCE; -1 for none) and returns its UID in {@link ConditionalStore#modified()}.
     */
    ConditionalStore store(MailboxGuid mailbox, Collection<Long> uids, FlagUpdate update, long unchangedSince);

    /** Removes the given messages; returns the UIDs actually expunged. */
    List<Long> expunge(MailboxGuid mailbox, Collection<Long> uids);

    /** Adds the messages to {@code target} (a reference, no byte copy). */
    CopyResult copy(MailboxGuid source, Collection<Long> uids, MailboxGuid target);

    /** Copy then expunge, in one transaction. */
    CopyResult move(MailboxGuid source, Collection<Long> uids, MailboxGuid target);
}
