package org.loftmail.core.store;

import java.util.List;

/**
 * The result of a STORE with UNCHANGEDSINCE: {@code messages} as they are now (changed or
 * already as asked), {@code modified} the UIDs left alone because they changed after the
 * client's modseq.
 */
public record ConditionalStore(List<MessageInfo> messages, List<Long> modified) {
}
