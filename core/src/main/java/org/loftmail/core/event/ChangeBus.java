package org.loftmail.core.event;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.loftmail.core.model.UserId;
import org.loftmail.core.store.spi.ChangeRecord;

/**
 * Delivers each user's committed change-log entries to subscribers, after the commit.
 * Subscribers must not block: they are called on the committing thread.
 */
public final class ChangeBus {
    private final Map<UserId, List<Consumer<List<ChangeRecord>>>> subscribers = new ConcurrentHashMap<>();

    /** Subscribes to one user's changes; closing the handle unsubscribes. */
    public AutoCloseable subscribe(UserId user, Consumer<List<ChangeRecord>> subscriber) {
        List<Consumer<List<ChangeRecord>>> list =
                subscribers.computeIfAbsent(user, u -> new CopyOnWriteArrayList<>());
        list.add(subscriber);
        return () -> list.remove(subscriber);
    }

    public void publish(UserId user, List<ChangeRecord> changes) {
        if (changes.isEmpty()) {
            return;
        }
        List<Consumer<List<ChangeRecord>>> list = subscribers.get(user);
        if (list == null) {
            return;
        }
        for (Consumer<List<ChangeRecord>> s : list) {
            try {
                s.accept(changes);
            } catch (RuntimeException e) {
                // One broken subscriber must not stop delivery to the others or fail the commit.
                org.slf4j.LoggerFactory.getLogger(ChangeBus.class).warn("change subscriber failed", e);
            }
        }
    }
}
