/**
 * MIME parsing done once at save time. {@link org.loftmail.core.mime.MessageSummary#parse} streams
 * the message through a line reader ({@code LineReader}) and a boundary-aware part walker
 * ({@code MimeParser}) that records every part's header, body and end offsets; memory is bounded
 * by the header fields kept, never by body size. From that one pass come the IMAP ENVELOPE
 * ({@code EnvelopeRenderer}, {@code AddressParser}), BODY and BODYSTRUCTURE
 * ({@code BodyStructureWriter}, {@code ContentInfo}, {@code MimeParams}), the
 * {@link org.loftmail.core.mime.MimePart} tree for BODY[section], and the SORT/THREAD keys
 * ({@code KeyExtractor}, {@code BaseSubject}, {@code EncodedWords}, {@code DateParser}).
 * {@code SummaryCodec} is the versioned binary form the index caches.
 *
 * <p>Reading content is streaming too: {@link org.loftmail.core.mime.TransferEncoding} maps a
 * Content-Transfer-Encoding value to {@link org.loftmail.core.mime.Base64InputStream} or
 * {@link org.loftmail.core.mime.QuotedPrintableInputStream}, which decode as leniently as
 * Dovecot in bounded memory; IMAP FETCH BINARY and SEARCH BODY/TEXT both use them. They are
 * {@link org.loftmail.core.mime.TransformingInputStream}s over a
 * {@link org.loftmail.core.mime.PeekableInput}, the shape IMAP's header-field filter shares.
 *
 * <p>Wire strings are byte strings (one char per octet, written as ISO-8859-1), rendered by
 * {@link org.loftmail.core.mime.ImapStrings}. Where RFC 3501 leaves room, output follows Dovecot
 * (default charset, empty multipart, boundary handling, RFC 2231), except that type, subtype,
 * parameter names, encoding and disposition are upper-cased.
 */
package org.loftmail.core.mime;
