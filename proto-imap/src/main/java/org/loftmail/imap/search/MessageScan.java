package org.loftmail.imap.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.loftmail.core.mime.HeaderDecoding;
import org.loftmail.imap.message.MessageAccess;

/**
 * One message while one search looks at it: opens the message only when a criterion asks, and
 * then at most twice (header keys read just the header, BODY/TEXT one full pass that also
 * collects the header when nobody has yet).
 */
final class MessageScan {
    private final MessageAccess message;
    private final ScanPlan plan;
    /** Decoded, case-folded values of the fields in the plan, every occurrence. */
    private Map<String, List<String>> headers;
    private NeedleSet body;

    MessageScan(MessageAccess message, ScanPlan plan) {
        this.message = message;
        this.plan = plan;
    }

    MessageAccess message() {
        return message;
    }

    /** Every occurrence of a top-level header field named in the plan; empty when absent. */
    List<String> header(String name) {
        if (headers == null) {
            Map<String, List<String>> collected = new HashMap<>();
            // The header is a small first part of the message: read it straight from the stored
            // buffer when there is one, else through a buffer sized for a header, not a body.
            org.loftmail.core.model.MessageContent content = message.content();
            java.nio.ByteBuffer buffer = content.buffer();
            try (java.io.InputStream in = buffer != null ? new org.loftmail.core.model.ByteBufferInputStream(buffer)
                    : new java.io.BufferedInputStream(content.openStream(), 2048)) {
                HeaderReader.read(in, collector(collected));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            headers = collected;
        }
        return headers.getOrDefault(name, List.of());
    }

    boolean bodyContains(int needle) {
        if (body == null) {
            NeedleSet set = new NeedleSet(plan.needles());
            Map<String, List<String>> collected = headers == null && !plan.headerNames().isEmpty()
                    ? new HashMap<>() : null;
            BodyScanner.scan(message.content(), message.summary().rootPart(), set,
                    collected == null ? null : collector(collected));
            if (collected != null) {
                headers = collected;
            }
            body = set;
        }
        return body.found(needle);
    }

    private HeaderReader.FieldSink collector(Map<String, List<String>> into) {
        return new HeaderReader.FieldSink() {
            @Override
            public String wanted(CharSequence line, int start, int end) {
                for (String name : plan.headerNames()) {
                    if (HeaderReader.nameIs(line, start, end, name)) {
                        return name;
                    }
                }
                return null;
            }

            @Override
            public void field(String name, String raw) {
                // BodyScanner forwards every field of the top-level header here.
                if (plan.headerNames().contains(name)) {
                    into.computeIfAbsent(name, k -> new ArrayList<>()).add(CaseFold.fold(HeaderDecoding.decodeText(raw)));
                }
            }
        };
    }
}
