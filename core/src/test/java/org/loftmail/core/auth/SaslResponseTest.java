package org.loftmail.core.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SaslResponseTest {
    @Test
    void base64IsDecoded() {
        SaslResponse r = SaslResponse.decode("AGFsaWNlAHB3");
        assertArrayEquals("\0alice\0pw".getBytes(StandardCharsets.US_ASCII),
                assertInstanceOf(SaslResponse.Data.class, r).bytes());
    }

    @Test
    void equalsSignIsAnEmptyResponse() {
        assertArrayEquals(new byte[0], assertInstanceOf(SaslResponse.Data.class, SaslResponse.decode("=")).bytes());
    }

    @Test
    void emptyLineIsAnEmptyResponseToo() {
        assertArrayEquals(new byte[0], assertInstanceOf(SaslResponse.Data.class, SaslResponse.decode("")).bytes());
    }

    @Test
    void starAborts() {
        assertInstanceOf(SaslResponse.Aborted.class, SaslResponse.decode("*"));
    }

    @Test
    void junkIsInvalid() {
        assertInstanceOf(SaslResponse.Invalid.class, SaslResponse.decode("not base64!"));
    }
}
