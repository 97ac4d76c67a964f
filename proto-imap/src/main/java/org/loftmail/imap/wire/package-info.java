/**
 * Writes IMAP responses (RFC 3501, RFC 9051 and the extensions Loft speaks) straight into
 * {@link io.netty.buffer.ByteBuf}s: {@link org.loftmail.imap.wire.ImapResponseWriter} for the
 * data formats and status lines, {@link org.loftmail.imap.wire.ResponseCode} for the bracketed
 * codes, {@link org.loftmail.imap.wire.UntaggedResponses} and
 * {@link org.loftmail.imap.wire.FetchResponse} for typed untagged data, and
 * {@link org.loftmail.imap.wire.ModifiedUtf7} for mailbox names on the wire. Nothing here does
 * I/O or touches storage; the session owns the buffers and the channel.
 */
package org.loftmail.imap.wire;
