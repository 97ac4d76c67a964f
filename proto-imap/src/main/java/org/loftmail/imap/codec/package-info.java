/**
 * IMAP framing: {@link org.loftmail.imap.codec.ImapFrameDecoder} turns the byte stream into one
 * {@link org.loftmail.imap.codec.ImapFrame} per command (its lines plus the bytes of each
 * literal), asks for continuations, streams large literals and refuses oversized input without
 * buffering it. Nothing here interprets a command beyond finding its tag and its literals.
 */
package org.loftmail.imap.codec;
