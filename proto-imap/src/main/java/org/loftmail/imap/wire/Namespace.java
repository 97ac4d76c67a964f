package org.loftmail.imap.wire;

/**
 * One RFC 2342 namespace descriptor.
 *
 * @param prefix    Unicode prefix, e.g. {@code ""} or {@code "Shared/"}
 * @param separator hierarchy delimiter, or {@link ListResponse#NO_SEPARATOR}
 */
public record Namespace(String prefix, char separator) {
}
