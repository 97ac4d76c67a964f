package org.loftmail.core.mime;

import java.util.List;

/**
 * Renders RFC 3501's ENVELOPE from a message header: (date subject from sender reply-to to cc
 * bcc in-reply-to message-id). Values are raw and unfolded; encoded-words stay encoded, as in
 * Dovecot. Sender and Reply-To fall back to From when missing or empty (RFC 3501 section 7.4.2).
 */
final class EnvelopeRenderer {
    private EnvelopeRenderer() {
    }

    static String render(HeaderFields h) {
        StringBuilder out = new StringBuilder(256).append('(');
        ImapStrings.nstring(out, h.get("date")).append(' ');
        ImapStrings.nstring(out, h.get("subject")).append(' ');
        List<Address> from = AddressParser.parse(h.get("from"));
        addresses(out, from).append(' ');
        addresses(out, orFrom(AddressParser.parse(h.get("sender")), from)).append(' ');
        addresses(out, orFrom(AddressParser.parse(h.get("reply-to")), from)).append(' ');
        addresses(out, AddressParser.parse(h.get("to"))).append(' ');
        addresses(out, AddressParser.parse(h.get("cc"))).append(' ');
        addresses(out, AddressParser.parse(h.get("bcc"))).append(' ');
        ImapStrings.nstring(out, h.get("in-reply-to")).append(' ');
        ImapStrings.nstring(out, h.get("message-id"));
        return out.append(')').toString();
    }

    private static List<Address> orFrom(List<Address> list, List<Address> from) {
        return list.isEmpty() ? from : list;
    }

    private static StringBuilder addresses(StringBuilder out, List<Address> list) {
        if (list.isEmpty()) {
            return out.append("NIL");
        }
        out.append('(');
        for (Address a : list) {
            out.append('(');
            ImapStrings.nstring(out, a.name()).append(' ');
            ImapStrings.nstring(out, a.adl()).append(' ');
            ImapStrings.nstring(out, a.mailbox()).append(' ');
            ImapStrings.nstring(out, a.host()).append(')');
        }
        return out.append(')');
    }
}
