/**
 * LMTP delivery (RFC 2033): MTAs such as Postfix hand over mail on TCP or a unix socket;
 * recipients are checked against the userdb, and each accepted recipient gets its own reply
 * once its copy is durable.
 */
package org.loftmail.lmtp;
