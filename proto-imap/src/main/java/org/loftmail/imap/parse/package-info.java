/**
 * IMAP command parsing: {@link org.loftmail.imap.parse.ImapParser} turns one
 * {@link org.loftmail.imap.codec.ImapFrame.Command} into a typed
 * {@link org.loftmail.imap.parse.ImapCommand} record or a
 * {@link org.loftmail.imap.parse.ParseError}. No I/O and no storage here; grammar follows
 * RFC 3501 section 9 and RFC 9051 plus the extensions Loft announces. Mailbox names stay raw
 * (modified UTF-7 or UTF-8): decoding them belongs to the command layer.
 */
package org.loftmail.imap.parse;
