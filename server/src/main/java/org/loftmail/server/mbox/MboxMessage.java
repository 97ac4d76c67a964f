package org.loftmail.server.mbox;

import org.loftmail.core.model.Flags;

/**
 * One message from an mbox: its bytes (the {@code From } separator line removed, {@code >From}
 * unescaped), the date of the separator line, and flags from {@code Status}/{@code X-Status}.
 */
public record MboxMessage(byte[] bytes, long internalDate, Flags flags) {
}
