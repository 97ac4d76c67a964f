package org.loftmail.core.mime;

/**
 * The per-message values RFC 5256 SORT and RFC 5957 DISPLAYFROM/DISPLAYTO compare, computed once
 * at save time. Strings are already in {@link Casemap} key form (RFC 5051 i;unicode-casemap) of
 * what RFC 5256 compares (the base subject; the addr-mailbox of the first address) and RFC 5957
 * (the display name), empty when the header is missing.
 *
 * @param baseSubject  RFC 5256 section 2.1 base subject
 * @param from         first From address's mailbox (local part)
 * @param to           first To address's mailbox
 * @param cc           first Cc address's mailbox
 * @param displayFrom  RFC 5957 display name of the first From address, or its addr-spec
 * @param displayTo    RFC 5957 display name of the first To address, or its addr-spec
 * @param sentDate     Date header in epoch millis, or the INTERNALDATE when missing or invalid
 */
public record SortKeys(String baseSubject, String from, String to, String cc,
                       String displayFrom, String displayTo, long sentDate) {
}
