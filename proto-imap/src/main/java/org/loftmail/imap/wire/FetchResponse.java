package org.loftmail.imap.wire;

import java.time.ZoneId;
import java.util.Objects;
import org.loftmail.core.model.Flags;

/**
 * Builds {@code * n FETCH (ITEM value …)} item by item, so the session writes each item as it
 * gets it. Items are separated automatically. For a big body, {@link #literalHeader} ends with
 * {@code {size}CRLF}; the session sends the buffer, streams the octets, gives the writer a
 * fresh buffer with {@link ImapResponseWriter#target} and goes on with the next item or
 * {@link #end()}.
 */
public final class FetchResponse {
    private ImapResponseWriter w;
    private boolean first = true;
    private boolean ended;

    private FetchResponse(ImapResponseWriter w) {
        this.w = w;
    }

    /** Writes {@code * seq FETCH (}. */
    public static FetchResponse begin(ImapResponseWriter w, long seq) {
        w.untagged().number(seq).sp().atom("FETCH").sp().openParen();
        return new FetchResponse(w);
    }

    /**
     * Starts an item: the name (e.g. {@code UID}, {@code BODY[HEADER.FIELDS (SUBJECT)]<0>},
     * written as given) and SP; returns the writer for a value the typed methods do not cover.
     */
    public ImapResponseWriter item(String name) {
        if (ended) {
            throw new IllegalStateException("FETCH response already ended");
        }
        if (!first) {
            w.sp();
        }
        first = false;
        // Section specs contain spaces and parentheses, so no atom check here.
        w.latin1(name);
        return w.sp();
    }

    public FetchResponse uid(long uid) {
        item("UID").number(uid);
        return this;
    }

    public FetchResponse flags(Flags flags, boolean recent) {
        item("FLAGS").flags(flags, recent);
        return this;
    }

    public FetchResponse rfc822Size(long size) {
        item("RFC822.SIZE").number(size);
        return this;
    }

    public FetchResponse internalDate(long epochMillis, ZoneId zone) {
        item("INTERNALDATE").internalDate(epochMillis, zone);
        return this;
    }

    /** RFC 7162 {@code MODSEQ (n)}. */
    public FetchResponse modSeq(long modSeq) {
        item("MODSEQ").openParen().number(modSeq).closeParen();
        return this;
    }

    /** ENVELOPE as core rendered it (one char per octet). */
    public FetchResponse envelope(String rendered) {
        item("ENVELOPE").latin1(rendered);
        return this;
    }

    /** BODYSTRUCTURE (extensible) or BODY (non-extensible), as core rendered it. */
    public FetchResponse bodyStructure(String rendered, boolean extensible) {
        item(extensible ? "BODYSTRUCTURE" : "BODY").latin1(rendered);
        return this;
    }

    /** An item whose value is a literal held in memory, e.g. {@code BODY[HEADER]}. */
    public FetchResponse literal(String name, byte[] content) {
        item(name).literal(content);
        return this;
    }

    /** {@code name {size}CRLF}; the caller streams exactly {@code size} octets next. */
    public FetchResponse literalHeader(String name, long size) {
        item(name).literalHeader(size);
        return this;
    }

    /** {@code name ~{size}CRLF} for BINARY[…] content that may hold NUL. */
    public FetchResponse literal8Header(String name, long size) {
        item(name).literal8Header(size);
        return this;
    }

    /** {@code name NIL}, e.g. a section that does not exist. */
    public FetchResponse nil(String name) {
        item(name).nil();
        return this;
    }

    /**
     * Goes on writing with {@code next}: a session may hand out a new writer once it has streamed
     * a literal, and the rest of this response must follow in it.
     */
    public FetchResponse resume(ImapResponseWriter next) {
        w = Objects.requireNonNull(next, "next");
        return this;
    }

    /** Writes {@code )CRLF}. */
    public void end() {
        if (ended) {
            throw new IllegalStateException("FETCH response already ended");
        }
        ended = true;
        w.closeParen().crlf();
    }
}
