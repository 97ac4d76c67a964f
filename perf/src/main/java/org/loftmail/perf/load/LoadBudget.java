package org.loftmail.perf.load;

import java.util.concurrent.atomic.AtomicLong;

/** A run ends at a deadline or after a number of commands, whichever comes first. */
final class LoadBudget {
    private final long deadline;
    private final AtomicLong left;

    LoadBudget(long deadlineNanos, long maxCommands) {
        this.deadline = deadlineNanos;
        this.left = new AtomicLong(maxCommands);
    }

    /** Takes one command from the budget; false once the run is over. */
    boolean take() {
        return System.nanoTime() - deadline < 0 && left.getAndDecrement() > 0;
    }

    /** True once the run is over; takes nothing. */
    boolean over() {
        return System.nanoTime() - deadline >= 0 || left.get() <= 0;
    }
}
