package org.loftmail.core.mime;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Content-* fields of one part, already in BODYSTRUCTURE form: type, subtype, parameter
 * names, encoding and disposition upper-cased; null for what is absent.
 */
record ContentInfo(String type, String subtype, List<MimeParam> params, String id, String description,
                   String encoding, String md5, String disposition, List<MimeParam> dispositionParams,
                   List<String> language, String location, String boundary) {

    boolean isMultipart() {
        return type.equals("MULTIPART");
    }

    boolean isText() {
        return type.equals("TEXT");
    }

    boolean isMessageRfc822() {
        return type.equals("MESSAGE") && subtype.equals("RFC822");
    }

    /**
     * A message/rfc822 body in base64 or quoted-printable is not parsed as a message (Dovecot does
     * the same): its bytes on disk are not the encapsulated message's.
     */
    boolean encapsulatesMessage() {
        return isMessageRfc822() && (encoding == null || encoding.equals("7BIT") || encoding.equals("8BIT")
                || encoding.equals("BINARY"));
    }

    /**
     * Builds the info from a header block; {@code digestChild} selects RFC 2046's default of
     * message/rfc822 for parts of a multipart/digest.
     */
    static ContentInfo of(HeaderFields h, boolean digestChild) {
        String type = digestChild ? "MESSAGE" : "TEXT";
        String subtype = digestChild ? "RFC822" : "PLAIN";
        List<MimeParam> params = List.of();
        String ct = h.get("content-type");
        if (ct != null) {
            MimeParams.Parsed p = MimeParams.parse(ct);
            int slash = p.token().indexOf('/');
            if (slash > 0 && slash < p.token().length() - 1) {
                type = p.token().substring(0, slash).toUpperCase(Locale.ROOT);
                subtype = p.token().substring(slash + 1).toUpperCase(Locale.ROOT);
                params = p.params();
            }
        }
        String boundary = null;
        boolean charset = false;
        for (MimeParam p : params) {
            if (p.name().equals("BOUNDARY") && boundary == null && !p.value().isEmpty()) {
                boundary = p.value();
            }
            charset |= p.name().equals("CHARSET");
        }
        if (type.equals("TEXT") && !charset) {
            // Like Dovecot: RFC 2045's default charset is made explicit for every text part.
            List<MimeParam> withCharset = new ArrayList<>(params);
            withCharset.add(new MimeParam("CHARSET", "us-ascii"));
            params = List.copyOf(withCharset);
        }
        String disposition = null;
        List<MimeParam> dispositionParams = List.of();
        String cd = h.get("content-disposition");
        if (cd != null) {
            MimeParams.Parsed p = MimeParams.parse(cd);
            if (!p.token().isEmpty()) {
                disposition = p.token().toUpperCase(Locale.ROOT);
                dispositionParams = p.params();
            }
        }
        String cte = h.get("content-transfer-encoding");
        String encoding = cte == null ? null : MimeParams.parse(cte).token().toUpperCase(Locale.ROOT);
        if (encoding != null && encoding.isEmpty()) {
            encoding = null;
        }
        return new ContentInfo(type, subtype, params, trim(h.get("content-id")),
                trim(h.get("content-description")), encoding, trim(h.get("content-md5")), disposition,
                dispositionParams, languages(h.get("content-language")), trim(h.get("content-location")),
                boundary);
    }

    private static String trim(String s) {
        return s == null ? null : s.strip();
    }

    private static List<String> languages(String value) {
        if (value == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String tag : value.replaceAll("\\([^)]*\\)", " ").split("[,\\s]+")) {
            if (!tag.isEmpty()) {
                out.add(tag);
            }
        }
        return out.isEmpty() ? null : List.copyOf(out);
    }
}
