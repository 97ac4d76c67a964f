package org.loftmail.core.store;

/** STATUS values, read without touching any message (O(1) in the mailbox size). */
public record MailboxStatus(long messages, long unseen, long uidValidity, long uidNext,
                            long highestModSeq, long vsize) {
    /** The one-line form {@code loft admin mailbox-status} prints. */
    public String toLine() {
        return "messages=" + messages + " unseen=" + unseen + " uidvalidity=" + uidValidity
                + " uidnext=" + uidNext + " highestmodseq=" + highestModSeq + " vsize=" + vsize;
    }
}
