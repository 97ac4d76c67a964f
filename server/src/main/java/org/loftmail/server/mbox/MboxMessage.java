package org.loftmail.server.mbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.loftmail.core.model.Flags;
import org.loftmail.core.model.MessageContent;

/**
 * One message from an mbox: its bytes (the {@code From } separator line removed, {@code >From}
 * unescaped), the date of the separator line, and flags from {@code Status}/{@code X-Status}.
 * A large message lives in {@code spoolFile}, which {@link #discard()} deletes once it is saved.
 */
public record MboxMessage(MessageContent content, Path spoolFile, long internalDate, Flags flags) {
    public void discard() {
        if (spoolFile != null) {
            try {
                Files.deleteIfExists(spoolFile);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
