/**
 * Evaluates the IMAP SEARCH key tree ({@link org.loftmail.imap.parse.SearchKey}) against one
 * message at a time: {@link org.loftmail.imap.search.SearchEvaluator} compiles the tree once per
 * command into criteria ordered by cost, so keys on flags, UIDs, sizes and dates are answered from
 * the index record and the message is opened only for header and body keys.
 *
 * <p>Header keys read the top-level header and decode RFC 2047 words with core's decoder. BODY
 * and TEXT stream the message once per message for all their strings: part by part, undoing
 * the transfer encoding (core's {@link org.loftmail.core.mime.TransferEncoding}) and the part's
 * charset ({@code TextDecoder}), folding case ({@code CaseFold}) and matching with KMP
 * ({@code Needle}, {@code NeedleSet}), so memory does not grow with message size.
 */
package org.loftmail.imap.search;
