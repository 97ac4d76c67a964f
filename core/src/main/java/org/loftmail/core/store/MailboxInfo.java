package org.loftmail.core.store;

import java.util.Set;
import org.loftmail.core.model.MailboxGuid;
import org.loftmail.core.model.MailboxName;
import org.loftmail.core.model.SpecialUse;

/** A mailbox as LIST and SELECT see it. */
public record MailboxInfo(MailboxGuid guid, MailboxName name, long uidValidity, long uidNext,
                          long highestModSeq, Set<SpecialUse> specialUse) {
    public MailboxInfo {
        specialUse = Set.copyOf(specialUse);
    }
}
