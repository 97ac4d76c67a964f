/**
 * FETCH responses for one message: {@link org.loftmail.imap.fetch.FetchRenderer} writes
 * {@code * n FETCH (...)} from the parsed items, resolving BODY[section], BINARY[part] and
 * partials against core's part tree, and hands every literal above 64 KiB to
 * {@link org.loftmail.imap.fetch.ResponseSink#stream} so no big body is ever held in the heap.
 * The streams here turn stored octets into what IMAP sends: bare LF as CRLF (the "virtual"
 * octets sizes and partial offsets count), header fields filtered; BINARY undoes the
 * Content-Transfer-Encoding with core's {@link org.loftmail.core.mime.TransferEncoding}.
 */
package org.loftmail.imap.fetch;
