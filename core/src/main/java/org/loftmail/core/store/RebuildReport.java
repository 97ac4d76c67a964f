package org.loftmail.core.store;

/** What {@code loft admin rebuild} found in a user's mail files. */
public record RebuildReport(int mailboxes, long messages, int recoveredMailboxes, int corruptRegions,
                            long corruptBytes) {
    @Override
    public String toString() {
        return "mailboxes=" + mailboxes + " messages=" + messages + " recovered_mailboxes=" + recoveredMailboxes
                + " corrupt_regions=" + corruptRegions + " corrupt_bytes=" + corruptBytes;
    }
}
