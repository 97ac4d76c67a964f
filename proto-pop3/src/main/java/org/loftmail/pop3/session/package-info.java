/**
 * One POP3 connection's state machine (AUTHORIZATION, TRANSACTION, UPDATE): the maildrop
 * snapshot it works on, the serial queue its commands run on (never a Netty event loop), the
 * output that streams messages with backpressure, and the per-user POP3 lock.
 */
package org.loftmail.pop3.session;
