package org.loftmail.index;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.lmdbjava.Dbi;
import org.loftmail.core.model.MailboxName;

/**
 * {@code subscriptions}: name key → full name. The value repeats the name because a long name's
 * key is hashed (see {@link Key#name}).
 */
final class SubscriptionTable {
    static final String NAME = "subscriptions";

    private final Dbi<ByteBuffer> dbi;

    SubscriptionTable(Dbi<ByteBuffer> dbi) {
        this.dbi = dbi;
    }

    void put(Tx tx, MailboxName name, boolean subscribed) {
        if (subscribed) {
            tx.put(dbi, Key.name(name.value()), name.value().getBytes(StandardCharsets.UTF_8));
        } else {
            tx.delete(dbi, Key.name(name.value()));
        }
    }

    List<MailboxName> all(Tx tx) {
        List<MailboxName> out = new ArrayList<>();
        tx.scan(dbi, new byte[0], new byte[0], null, true, (k, v) -> {
            try {
                out.add(new MailboxName(new String(v, StandardCharsets.UTF_8)));
            } catch (IllegalArgumentException e) {
                throw RecordReader.corrupt("subscription", e);
            }
            return true;
        });
        Collections.sort(out);
        return out;
    }
}
