/**
 * One IMAP connection's state machine: what it has authenticated as, what it has selected, the
 * serial queue its commands run on (never a Netty event loop), and the output that streams
 * responses with backpressure.
 */
package org.loftmail.imap.session;
