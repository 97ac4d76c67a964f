package org.loftmail.imap.wire;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.loftmail.core.model.MailboxName;
import org.loftmail.core.model.SpecialUse;

/**
 * One LIST or LSUB line.
 *
 * @param separator hierarchy delimiter, or {@link #NO_SEPARATOR} for NIL
 * @param extended  RFC 5258 extended items; empty writes none
 */
public record ListResponse(Set<MailboxAttribute> attributes, Set<SpecialUse> specialUse, char separator,
                           MailboxName name, List<ListExtendedItem> extended) {
    public static final char NO_SEPARATOR = 0;

    public ListResponse {
        EnumSet<MailboxAttribute> a = EnumSet.noneOf(MailboxAttribute.class);
        a.addAll(attributes);
        attributes = java.util.Collections.unmodifiableSet(a);
        EnumSet<SpecialUse> s = EnumSet.noneOf(SpecialUse.class);
        s.addAll(specialUse);
        specialUse = java.util.Collections.unmodifiableSet(s);
        extended = List.copyOf(extended);
    }

    public static ListResponse of(MailboxName name, MailboxAttribute... attributes) {
        return new ListResponse(Set.of(attributes), Set.of(), MailboxName.SEPARATOR, name, List.of());
    }
}
