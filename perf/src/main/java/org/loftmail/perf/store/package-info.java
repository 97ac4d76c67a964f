/** Store benchmarks: append with fsync and group commit, STATUS on huge mailboxes, opening a user, mbox import. */
package org.loftmail.perf.store;
