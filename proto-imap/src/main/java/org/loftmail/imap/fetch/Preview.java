package org.loftmail.imap.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import org.loftmail.core.mime.MimePart;
import org.loftmail.core.model.MessageContent;

/**
 * RFC 8970 PREVIEW: the start of a message's text, for a message list. The first text/plain part
 * that is not an attachment (else the first text/html one, its markup removed) is decoded from
 * its transfer encoding and charset, whitespace runs become one space, and at most
 * {@link #LENGTH} characters are kept (the RFC allows 256). A message without text has the empty
 * preview.
 */
public final class Preview {
    static final int LENGTH = 200;
    /** Decoded octets read from the chosen part: plenty for 200 characters after markup. */
    private static final int READ = 16 * 1024;
    private static final int HEADER = 8 * 1024;
    private static final Pattern SCRIPT = Pattern.compile("(?is)<(script|style|head)\\b.*?</\\1\\s*>");
    private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
    private static final Pattern SPACE = Pattern.compile("[\\s\\u00a0]+");

    private Preview() {
    }

    public static String of(MessageContent content, MimePart root) throws IOException {
        Chosen plain = find(content, root, "text/plain");
        Chosen chosen = plain != null ? plain : find(content, root, "text/html");
        if (chosen == null) {
            return "";
        }
        byte[] raw;
        try (InputStream in = BinaryContent.of(content, chosen.part()).open(0, Long.MAX_VALUE)) {
            raw = in.readNBytes(READ);
        } catch (UnknownCteException e) {
            return "";
        }
        String text = new String(raw, chosen.charset());
        if (plain == null) {
            text = html(text);
        }
        text = SPACE.matcher(text).replaceAll(" ").strip();
        if (text.codePointCount(0, text.length()) > LENGTH) {
            text = text.substring(0, text.offsetByCodePoints(0, LENGTH));
        }
        return text;
    }

    private record Chosen(MimePart part, Charset charset) {
    }

    /** Depth first, the first single part of this type that is not an attachment. */
    private static Chosen find(MessageContent content, MimePart part, String type) throws IOException {
        switch (part.kind()) {
            case MULTIPART -> {
                for (MimePart p : part.parts()) {
                    Chosen c = find(content, p, type);
                    if (c != null) {
                        return c;
                    }
                }
                return null;
            }
            case MESSAGE -> {
                return null; // a forwarded message is an attachment, not this message's text
            }
            default -> {
                String header;
                try (InputStream in = MessageRange.header(content, part, CrlfInputStream.Mode.RAW).open(0, HEADER)) {
                    header = unfold(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
                }
                String contentType = field(header, "content-type");
                String mime = contentType == null ? "text/plain"
                        : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
                String disposition = field(header, "content-disposition");
                boolean attachment = disposition != null
                        && disposition.strip().toLowerCase(Locale.ROOT).startsWith("attachment");
                if (!mime.equals(type) || attachment) {
                    return null;
                }
                return new Chosen(part, charset(contentType));
            }
        }
    }

    private static String unfold(String header) {
        return header.replaceAll("\r?\n[ \t]", " ");
    }

    /** The value of the first field {@code name} (lower case) in an unfolded header, or null. */
    private static String field(String header, String name) {
        for (String line : header.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase(name)) {
                return line.substring(colon + 1);
            }
        }
        return null;
    }

    private static Charset charset(String contentType) {
        if (contentType != null) {
            java.util.regex.Matcher m = Pattern.compile("(?i)charset\\s*=\\s*\"?([^\";\\s]+)").matcher(contentType);
            if (m.find()) {
                try {
                    return Charset.forName(m.group(1));
                } catch (IllegalArgumentException e) {
                    return StandardCharsets.UTF_8; // unknown charset: UTF-8, with replacement characters
                }
            }
        }
        return StandardCharsets.UTF_8; // RFC 2045's default US-ASCII is a subset
    }

    private static String html(String html) {
        String text = TAG.matcher(SCRIPT.matcher(html).replaceAll(" ")).replaceAll(" ");
        return text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
    }
}
