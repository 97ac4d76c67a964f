package org.loftmail.core.mime;

import java.util.List;

/**
 * Writes BODY (non-extensible) and BODYSTRUCTURE (extensible) per RFC 3501 section 7.4.2 from
 * the parsed part tree. Sizes are octets as sent (bare LF counted as CRLF); lines are the LF
 * count of the body; the line ending before a boundary belongs to the boundary. A multipart
 * without parts (no or never-seen boundary) gets one empty text/plain part, as Dovecot writes,
 * because the grammar needs at least one.
 */
final class BodyStructureWriter {
    private static final String EMPTY_BODY = "(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"us-ascii\") NIL NIL \"7BIT\" 0 0";

    private BodyStructureWriter() {
    }

    static String write(PartNode root, boolean extended) {
        StringBuilder out = new StringBuilder(256);
        part(out, root, extended);
        return out.toString();
    }

    private static void part(StringBuilder out, PartNode node, boolean extended) {
        ContentInfo c = node.content;
        out.append('(');
        if (c.isMultipart()) {
            if (node.children.isEmpty()) {
                out.append(EMPTY_BODY).append(extended ? " NIL NIL NIL NIL)" : ")");
            }
            for (PartNode child : node.children) {
                part(out, child, extended);
            }
            out.append(' ');
            ImapStrings.string(out, c.subtype());
            if (extended) {
                out.append(' ');
                params(out, c.params()).append(' ');
                trailer(out, c);
            }
            out.append(')');
            return;
        }
        ImapStrings.string(out, c.type()).append(' ');
        ImapStrings.string(out, c.subtype()).append(' ');
        params(out, c.params()).append(' ');
        ImapStrings.nstring(out, c.id()).append(' ');
        ImapStrings.nstring(out, c.description()).append(' ');
        ImapStrings.string(out, c.encoding() == null ? "7BIT" : c.encoding()).append(' ');
        out.append(node.bodyOctets());
        if (!node.children.isEmpty()) {
            PartNode message = node.children.get(0);
            out.append(' ').append(EnvelopeRenderer.render(message.headers)).append(' ');
            part(out, message, extended);
            out.append(' ').append(node.bodyLines());
        } else if (c.isText()) {
            out.append(' ').append(node.bodyLines());
        }
        if (extended) {
            out.append(' ');
            ImapStrings.nstring(out, c.md5()).append(' ');
            trailer(out, c);
        }
        out.append(')');
    }

    /** body-fld-dsp SP body-fld-lang SP body-fld-loc. */
    private static void trailer(StringBuilder out, ContentInfo c) {
        if (c.disposition() == null) {
            out.append("NIL");
        } else {
            out.append('(');
            ImapStrings.string(out, c.disposition()).append(' ');
            params(out, c.dispositionParams()).append(')');
        }
        out.append(' ');
        List<String> lang = c.language();
        if (lang == null) {
            out.append("NIL");
        } else {
            out.append('(');
            for (int i = 0; i < lang.size(); i++) {
                if (i > 0) {
                    out.append(' ');
                }
                ImapStrings.string(out, lang.get(i));
            }
            out.append(')');
        }
        out.append(' ');
        ImapStrings.nstring(out, c.location());
    }

    private static StringBuilder params(StringBuilder out, List<MimeParam> params) {
        if (params.isEmpty()) {
            return out.append("NIL");
        }
        out.append('(');
        for (int i = 0; i < params.size(); i++) {
            if (i > 0) {
                out.append(' ');
            }
            ImapStrings.string(out, params.get(i).name()).append(' ');
            ImapStrings.string(out, params.get(i).value());
        }
        return out.append(')');
    }
}
