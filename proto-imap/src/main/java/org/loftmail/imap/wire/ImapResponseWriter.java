package org.loftmail.imap.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.Objects;
import org.loftmail.core.model.Flags;
import org.loftmail.core.model.MailboxName;
import org.loftmail.proto.netty.BufferWriter;

/**
 * Writes IMAP data formats (RFC 3501 section 4, RFC 9051) and status lines into a
 * {@link ByteBuf} the session owns; the writer never allocates or releases buffers.
 *
 * <p>The caller joins items with {@link #sp()}: the grammar decides where spaces go and the
 * typed helpers ({@link UntaggedResponses}, {@link FetchResponse}) already know it.
 *
 * <p>Two kinds of text come in: Unicode ({@link #string}, {@link #astring}, {@link #mailbox},
 * {@link #text}) written as UTF-8 where 8-bit is allowed, and byte strings that core already
 * rendered one char per octet ({@link #byteString}, {@link #latin1}), written as those octets.
 *
 * <p>{@link #target(ByteBuf)} swaps the buffer mid-response, so a 50 MB body can follow a
 * {@link #literalHeader} as a {@code FileRegion} and the response continue in a fresh buffer.
 */
public final class ImapResponseWriter implements BufferWriter {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final String[] MONTHS = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    private ByteBuf out;
    private boolean utf8;

    /** Scratch for {@link #number}: 19 digits hold any long. */
    private final byte[] digits = new byte[19];

    public ImapResponseWriter(ByteBuf out) {
        this(out, false);
    }

    /**
     * @param utf8 true once the client enabled UTF8=ACCEPT or IMAP4rev2: mailbox names go out
     *             as UTF-8 and quoted strings and text may carry UTF-8
     */
    public ImapResponseWriter(ByteBuf out, boolean utf8) {
        this.out = Objects.requireNonNull(out, "out");
        this.utf8 = utf8;
    }

    @Override
    public ByteBuf buffer() {
        return out;
    }

    /** Continues writing into {@code next}; returns the previous buffer for the caller to send. */
    @Override
    public ByteBuf target(ByteBuf next) {
        ByteBuf previous = out;
        out = Objects.requireNonNull(next, "next");
        return previous;
    }

    public boolean utf8() {
        return utf8;
    }

    /** Switches UTF-8 mode, as ENABLE UTF8=ACCEPT / IMAP4rev2 does for the rest of the session. */
    public void utf8(boolean enabled) {
        utf8 = enabled;
    }

    // ---- lines -------------------------------------------------------------------------------

    /** Starts an untagged response: {@code "* "}. */
    public ImapResponseWriter untagged() {
        out.writeByte('*').writeByte(' ');
        return this;
    }

    /** Starts a tagged response: the tag as the client sent it (the parser validated it) and SP. */
    public ImapResponseWriter tagged(String tag) {
        out.writeCharSequence(tag, StandardCharsets.US_ASCII);
        out.writeByte(' ');
        return this;
    }

    public ImapResponseWriter crlf() {
        out.writeBytes(CRLF);
        return this;
    }

    public ImapResponseWriter sp() {
        out.writeByte(' ');
        return this;
    }

    /**
     * A whole status response line: {@code tag|* COND [CODE] text CRLF}.
     *
     * @param tag  null for an untagged response
     * @param code null when there is none
     */
    public ImapResponseWriter status(String tag, Condition condition, ResponseCode code, String text) {
        if (tag == null) {
            untagged();
        } else {
            if (condition == Condition.PREAUTH || condition == Condition.BYE) {
                throw new IllegalArgumentException(condition + " is never tagged");
            }
            tagged(tag);
        }
        atom(condition.name()).sp();
        if (code != null) {
            out.writeByte('[');
            code.write(this);
            out.writeByte(']').writeByte(' ');
        }
        return text(text).crlf();
    }

    /** {@code + text CRLF}: the server is ready for a literal or the next IDLE/AUTHENTICATE step. */
    public ImapResponseWriter continuation(String text) {
        out.writeByte('+').writeByte(' ');
        return text(text).crlf();
    }

    /** {@code + base64 CRLF}: a SASL challenge; an empty challenge is {@code "+ "}. */
    public ImapResponseWriter continuationBase64(byte[] challenge) {
        out.writeByte('+').writeByte(' ');
        out.writeBytes(Base64.getEncoder().encode(challenge));
        return crlf();
    }

    /**
     * Human-readable text (resp-text). CR and LF become spaces so no text can inject a line;
     * without UTF-8 mode 8-bit characters become {@code ?} (RFC 3501 TEXT-CHAR is 7-bit).
     */
    public ImapResponseWriter text(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("resp-text needs at least one character");
        }
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c < 0x80) {
                out.writeByte(c == '\r' || c == '\n' || c == 0 ? ' ' : c);
                i++;
            } else if (utf8) {
                int cp = text.codePointAt(i);
                int n = Character.charCount(cp);
                ByteBufUtil.writeUtf8(out, text, i, i + n);
                i += n;
            } else {
                out.writeByte('?');
                i += Character.charCount(text.codePointAt(i));
            }
        }
        return this;
    }

    // ---- atoms and numbers -------------------------------------------------------------------

    /**
     * Writes a token the caller knows is valid on the wire (atom, flag, keyword, item name);
     * only SP, CTL and 8-bit are refused, since any of those would break the framing.
     */
    public ImapResponseWriter atom(CharSequence atom) {
        for (int i = 0; i < atom.length(); i++) {
            char c = atom.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                throw new IllegalArgumentException("not an atom: " + atom);
            }
        }
        out.writeCharSequence(atom, StandardCharsets.US_ASCII);
        return this;
    }

    /**
     * A non-negative decimal number, without a String: digits go into a scratch array (int
     * arithmetic below 2^31, as almost every number is) and then out in one write. SORT and
     * SEARCH answers are mostly numbers.
     */
    public ImapResponseWriter number(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("negative number " + n);
        }
        byte[] d = digits;
        int at = d.length;
        if (n <= Integer.MAX_VALUE) {
            int v = (int) n;
            do {
                int q = v / 10;
                d[--at] = (byte) ('0' + v - q * 10);
                v = q;
            } while (v != 0);
        } else {
            long v = n;
            do {
                long q = v / 10;
                d[--at] = (byte) ('0' + (int) (v - q * 10));
                v = q;
            } while (v != 0);
        }
        out.writeBytes(d, at, d.length - at);
        return this;
    }

    public ImapResponseWriter nil() {
        out.writeCharSequence("NIL", StandardCharsets.US_ASCII);
        return this;
    }

    public ImapResponseWriter openParen() {
        out.writeByte('(');
        return this;
    }

    public ImapResponseWriter closeParen() {
        out.writeByte(')');
        return this;
    }

    // ---- Unicode strings ---------------------------------------------------------------------

    /** A string: quoted when it can be, else a literal of its UTF-8 bytes. */
    public ImapResponseWriter string(CharSequence s) {
        return StringForm.of(s, false, utf8) == StringForm.LITERAL ? literalUtf8(s) : quotedUnchecked(s);
    }

    /** A string or NIL for null. */
    public ImapResponseWriter nstring(CharSequence s) {
        return s == null ? nil() : string(s);
    }

    /**
     * An astring: a bare atom when every char is an ASTRING-CHAR, else quoted, else a literal.
     * {@code NIL} is always quoted so a client can never mistake the name for a missing value.
     */
    public ImapResponseWriter astring(CharSequence s) {
        return switch (StringForm.of(s, true, utf8)) {
            case ATOM -> {
                out.writeCharSequence(s, StandardCharsets.US_ASCII);
                yield this;
            }
            case QUOTED -> quotedUnchecked(s);
            case LITERAL -> literalUtf8(s);
        };
    }

    /** A quoted string; refuses values a quoted string cannot carry (CR, LF, NUL, 8-bit outside UTF-8 mode). */
    public ImapResponseWriter quoted(CharSequence s) {
        if (StringForm.of(s, false, utf8) == StringForm.LITERAL) {
            throw new IllegalArgumentException("cannot be a quoted string: needs a literal");
        }
        return quotedUnchecked(s);
    }

    private ImapResponseWriter quotedUnchecked(CharSequence s) {
        out.writeByte('"');
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                ByteBufUtil.writeUtf8(out, s, from, i);
                out.writeByte('\\');
                from = i;
            }
        }
        ByteBufUtil.writeUtf8(out, s, from, s.length());
        out.writeByte('"');
        return this;
    }

    private ImapResponseWriter literalUtf8(CharSequence s) {
        literalHeader(ByteBufUtil.utf8Bytes(s));
        ByteBufUtil.writeUtf8(out, s);
        return this;
    }

    /**
     * A mailbox name: modified UTF-7 for IMAP4rev1 clients, UTF-8 once UTF8=ACCEPT or
     * IMAP4rev2 is enabled (RFC 9051 section 5.1; RFC 6855 section 3).
     */
    public ImapResponseWriter mailbox(MailboxName name) {
        return mailbox(name.value());
    }

    /** A Unicode mailbox name or namespace prefix that is not a full {@link MailboxName}. */
    public ImapResponseWriter mailbox(String unicodeName) {
        return astring(utf8 ? unicodeName : ModifiedUtf7.encode(unicodeName));
    }

    // ---- byte strings (one char per octet) ----------------------------------------------------

    /**
     * A string whose chars are octets (0-255), as core's rendered summaries hold them: quoted
     * when it can be, else a literal of exactly those octets.
     */
    public ImapResponseWriter byteString(CharSequence octets) {
        if (StringForm.needsLiteral(octets, false)) {
            literalHeader(octets.length());
            return latin1(octets);
        }
        return quotedUnchecked(octets);
    }

    public ImapResponseWriter nbyteString(CharSequence octets) {
        return octets == null ? nil() : byteString(octets);
    }

    /**
     * Already rendered wire data (ENVELOPE, BODYSTRUCTURE from {@code MessageSummary}), one
     * char per octet; written as those octets, never re-encoded as UTF-8.
     */
    public ImapResponseWriter latin1(CharSequence octets) {
        for (int i = 0; i < octets.length(); i++) {
            if (octets.charAt(i) > 0xff) {
                throw new IllegalArgumentException("not a byte string: char > 0xFF at " + i);
            }
        }
        out.writeCharSequence(octets, StandardCharsets.ISO_8859_1);
        return this;
    }

    // ---- literals ----------------------------------------------------------------------------

    /** {@code {n}CRLF}: the caller then writes or streams exactly {@code n} octets. */
    public ImapResponseWriter literalHeader(long n) {
        out.writeByte('{');
        number(n);
        out.writeByte('}');
        return crlf();
    }

    /** {@code ~{n}CRLF} (RFC 3516 literal8, binary content that may hold NUL). */
    public ImapResponseWriter literal8Header(long n) {
        out.writeByte('~');
        return literalHeader(n);
    }

    public ImapResponseWriter literal(byte[] content) {
        literalHeader(content.length);
        out.writeBytes(content);
        return this;
    }

    public ImapResponseWriter literal(ByteBuf content) {
        literalHeader(content.readableBytes());
        out.writeBytes(content, content.readerIndex(), content.readableBytes());
        return this;
    }

    public ImapResponseWriter literal8(byte[] content) {
        literal8Header(content.length);
        out.writeBytes(content);
        return this;
    }

    // ---- composite data ----------------------------------------------------------------------

    /** A flag list: system flags in bit order, {@code \Recent} if asked, then keywords. */
    public ImapResponseWriter flags(Flags flags, boolean recent) {
        return flagList(flags, recent, false);
    }

    /** As {@link #flags}, plus {@code \*} (PERMANENTFLAGS: keywords may be created). */
    ImapResponseWriter flagList(Flags flags, boolean recent, boolean wildcard) {
        openParen();
        boolean first = true;
        for (int bit = Flags.SEEN; bit <= Flags.DRAFT; bit <<= 1) {
            if (flags.has(bit)) {
                first = separate(first);
                out.writeCharSequence(Flags.systemName(bit), StandardCharsets.US_ASCII);
            }
        }
        if (recent) {
            first = separate(first);
            out.writeCharSequence("\\Recent", StandardCharsets.US_ASCII);
        }
        for (String keyword : flags.keywords()) {
            first = separate(first);
            atom(keyword);
        }
        if (wildcard) {
            separate(first);
            out.writeByte('\\').writeByte('*');
        }
        return closeParen();
    }

    private boolean separate(boolean first) {
        if (!first) {
            out.writeByte(' ');
        }
        return false;
    }

    /** A sequence set or UID set, ranges as {@code a:b}. */
    public ImapResponseWriter numberSet(NumberSet set) {
        for (int i = 0; i < set.rangeCount(); i++) {
            if (i > 0) {
                out.writeByte(',');
            }
            number(set.start(i));
            if (set.end(i) != set.start(i)) {
                out.writeByte(':');
                number(set.end(i));
            }
        }
        return this;
    }

    /**
     * An INTERNALDATE {@code "dd-MMM-yyyy HH:mm:ss +hhmm"} in {@code zone} (the day is two
     * digits, which RFC 3501 date-day-fixed allows; seconds of historic offsets are dropped).
     * Built by hand: no locale can turn "Jul" into "juil.".
     */
    public ImapResponseWriter internalDate(long epochMillis, ZoneId zone) {
        ZonedDateTime t = Instant.ofEpochMilli(epochMillis).atZone(zone);
        if (t.getYear() < 0 || t.getYear() > 9999) {
            throw new IllegalArgumentException("year out of range: " + t.getYear());
        }
        out.writeByte('"');
        two(t.getDayOfMonth()).writeByte('-');
        out.writeCharSequence(MONTHS[t.getMonthValue() - 1], StandardCharsets.US_ASCII);
        out.writeByte('-');
        two(t.getYear() / 100);
        two(t.getYear() % 100).writeByte(' ');
        two(t.getHour()).writeByte(':');
        two(t.getMinute()).writeByte(':');
        two(t.getSecond()).writeByte(' ');
        int offsetMinutes = t.getOffset().getTotalSeconds() / 60;
        out.writeByte(offsetMinutes < 0 ? '-' : '+');
        offsetMinutes = Math.abs(offsetMinutes);
        two(offsetMinutes / 60);
        two(offsetMinutes % 60).writeByte('"');
        return this;
    }

    private ByteBuf two(int n) {
        return out.writeByte('0' + n / 10).writeByte('0' + n % 10);
    }
}
