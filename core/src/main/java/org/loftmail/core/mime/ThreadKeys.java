package org.loftmail.core.mime;

import java.util.List;

/**
 * What RFC 5256 THREAD needs from one message: its Message-ID, the References chain (falling
 * back to the first In-Reply-To id), and for ORDEREDSUBJECT the base subject and whether the
 * subject was a reply or forward. Message ids are stored without angle brackets; empty when
 * missing.
 */
public record ThreadKeys(String messageId, String inReplyTo, List<String> references,
                         String baseSubject, boolean replyOrForward) {
    public ThreadKeys {
        references = List.copyOf(references);
    }
}
