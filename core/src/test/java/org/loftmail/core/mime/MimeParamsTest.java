package org.loftmail.core.mime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class MimeParamsTest {
    @Test
    void plainAndQuotedParameters() {
        MimeParams.Parsed p = MimeParams.parse("Text/Plain (comment); charset = \"utf-8\" ; format=flowed;"
                + " x=\"a\\\"b;c\"");
        assertEquals("text/plain", p.token());
        assertEquals(List.of(new MimeParam("CHARSET", "utf-8"), new MimeParam("FORMAT", "flowed"),
                new MimeParam("X", "a\"b;c")), p.params());
    }

    @Test
    void rfc2231ContinuationsAreJoinedAndEncodedValuesKeptEncoded() {
        MimeParams.Parsed p = MimeParams.parse("attachment; filename*1=\"two\"; size=3;"
                + " filename*0=\"one-\"; title*=iso-8859-1'en'%A3%20rates;"
                + " name*0*=utf-8''%E2%82%AC; name*1=\"100%\"; name*2*=%21");
        assertEquals("attachment", p.token());
        assertEquals(List.of(new MimeParam("SIZE", "3"), new MimeParam("FILENAME", "one-two"),
                new MimeParam("TITLE*", "iso-8859-1'en'%A3%20rates"),
                new MimeParam("NAME*", "utf-8''%E2%82%AC100%25%21")), p.params());
    }

    @Test
    void brokenValuesDoNotThrow() {
        assertEquals(List.of(new MimeParam("A", "open")), MimeParams.parse("x/y; a=\"open").params());
        assertEquals(List.of(), MimeParams.parse("x/y; ; =v; b*z=1").params());
        assertEquals("", MimeParams.parse("").token());
    }
}
