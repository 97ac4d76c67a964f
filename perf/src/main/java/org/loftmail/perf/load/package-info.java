/**
 * The IMAP load generator: a small non-blocking IMAP client on Netty ({@link
 * org.loftmail.perf.load.ImapConnection}), {@link org.loftmail.perf.load.ImapLoad} (many clients
 * looping a realistic command mix, latency per command) and {@link org.loftmail.perf.load.IdleLoad}
 * (thousands of IDLE connections: heap per connection and time to notify them all).
 */
package org.loftmail.perf.load;
