package org.loftmail.pop3.wire;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.loftmail.proto.netty.BufferWriter;

/**
 * Writes responses straight into a pooled buffer. Texts are ASCII chosen by the server (user
 * input reaching them has been made printable by the parser); lines of a multi-line response
 * that start with '.' are dot-stuffed (RFC 1939 section 3).
 */
public final class Pop3ResponseWriter implements BufferWriter {
    private static final byte[] CRLF = {'\r', '\n'};

    private ByteBuf buf;

    public Pop3ResponseWriter(ByteBuf target) {
        this.buf = target;
    }

    @Override
    public ByteBuf buffer() {
        return buf;
    }

    /** Switches to a new buffer; returns the old one (its bytes are the caller's to send). */
    @Override
    public ByteBuf target(ByteBuf next) {
        ByteBuf old = buf;
        buf = next;
        return old;
    }

    /** {@code +OK} or {@code +OK text}. */
    public void ok(String text) {
        ascii("+OK");
        if (text != null && !text.isEmpty()) {
            ascii(" ").ascii(text);
        }
        buf.writeBytes(CRLF);
    }

    /** {@code -ERR [CODE] text}; {@code code} may be null. */
    public void err(ResponseCode code, String text) {
        ascii("-ERR ");
        if (code != null) {
            ascii("[").ascii(code.wire()).ascii("] ");
        }
        ascii(text).buf.writeBytes(CRLF);
    }

    /** One line of a multi-line response. */
    public void line(String text) {
        if (text.startsWith(".")) {
            buf.writeByte('.');
        }
        ascii(text).buf.writeBytes(CRLF);
    }

    /** The {@code .} that ends a multi-line response. */
    public void end() {
        buf.writeByte('.').writeBytes(CRLF);
    }

    /** A SASL challenge (RFC 5034): {@code +} and the base64 of {@code challenge}, {@code "+ "} when empty. */
    public void continuation(byte[] challenge) {
        ascii("+ ").ascii(Base64.getEncoder().encodeToString(challenge)).buf.writeBytes(CRLF);
    }

    /** The CAPA response: {@code +OK}, one tag a line, SASL with its mechanisms, {@code .}. */
    public void capabilities(Set<Capability> caps, List<String> mechanisms) {
        ok("");
        for (Capability c : Capability.values()) {
            if (!caps.contains(c)) {
                continue;
            }
            if (c == Capability.SASL) {
                line(c.wire() + " " + String.join(" ", mechanisms));
            } else {
                line(c.wire());
            }
        }
        end();
    }

    private Pop3ResponseWriter ascii(String s) {
        buf.writeCharSequence(s, StandardCharsets.US_ASCII);
        return this;
    }
}
