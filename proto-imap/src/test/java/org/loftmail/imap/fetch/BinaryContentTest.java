package org.loftmail.imap.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.loftmail.core.mime.TransferEncoding;

/** The Content-Transfer-Encoding field as BINARY reads it from a part's header. */
class BinaryContentTest {

    @Test
    void encodingFieldValues() {
        assertEquals(TransferEncoding.BASE64, BinaryContent.encoding("Content-Transfer-Encoding: base64\r\n"));
        assertEquals(TransferEncoding.BASE64, BinaryContent.encoding("Content-Transfer-Encoding:\r\n\tBASE64 \r\n"));
        assertEquals(TransferEncoding.QUOTED_PRINTABLE,
                BinaryContent.encoding("Content-Transfer-Encoding: (c) quoted-printable (x)\r\n"));
        assertEquals(TransferEncoding.IDENTITY,
                BinaryContent.encoding("Content-Transfer-Encoding: 7bit;\r\nContent-Transfer-Encoding: base64\r\n"),
                "the first field counts");
        assertEquals(TransferEncoding.IDENTITY, BinaryContent.encoding(""));
        assertEquals(TransferEncoding.IDENTITY, BinaryContent.encoding("Content-Transfer-Encoding: \r\n\r\n"));
        assertEquals(TransferEncoding.IDENTITY, BinaryContent.encoding("Content-Transfer-Encoding: 8Bit\r\n"));
    }

    @Test
    void unknownEncodingIsNamedInTheError() {
        UnknownCteException e = assertThrows(UnknownCteException.class,
                () -> BinaryContent.encoding("Content-Transfer-Encoding: X-UUencode (old)\r\n\r\n"));
        assertTrue(e.getMessage().endsWith(" x-uuencode"), e.getMessage());
    }
}
