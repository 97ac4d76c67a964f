package org.loftmail.core.mime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DateParserTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Tue, 02 Jan 2024 10:00:00 +0100|2024-01-02T09:00:00Z",
        "2 Jan 2024 10:00:00 -0230|2024-01-02T12:30:00Z",
        "Tue, 2 Jan 2024 10:00 +0000|2024-01-02T10:00:00Z",
        "Tue,2 Jan 2024 10:00:00 GMT|2024-01-02T10:00:00Z",
        "Tue, 02 Jan 2024 10:00:00 UT|2024-01-02T10:00:00Z",
        "Tue, 02 Jan 2024 10:00:00 EDT|2024-01-02T14:00:00Z",
        "Tue, 02 Jan 2024 10:00:00 CST|2024-01-02T16:00:00Z",
        "Tue, 02 Jan 2024 10:00:00 PDT|2024-01-02T17:00:00Z",
        "Tue, 02 Jan 2024 10:00:00 PST|2024-01-02T18:00:00Z",
        "Tue, 02 Jan 2024 10:00:00 Z|2024-01-02T10:00:00Z",
        "Tue, 02 Jan 2024 10:00:00 A|2024-01-02T10:00:00Z",
        "Tue, 02 Jan 2024 10:00:00|2024-01-02T10:00:00Z",
        "Tue, 02 Jan 2024 10:00:00 +0100 (CET)|2024-01-02T09:00:00Z",
        "(comment) Tue, 02 (x) Jan 2024 10:00:00 +0100|2024-01-02T09:00:00Z",
        "2 jan 49 10:00:00 +0000|2049-01-02T10:00:00Z",
        "2 JAN 50 10:00:00 +0000|1950-01-02T10:00:00Z",
        "2 Jan 104 10:00:00 +0000|2004-01-02T10:00:00Z",
        "31 Dec 1998 23:59:60 +0000|1998-12-31T23:59:59Z",
        "  Monday, 1 January 2024 00:00:00 +1400|2023-12-31T10:00:00Z",
    })
    void parses(String value, String instant) {
        assertEquals(Instant.parse(instant).toEpochMilli(), DateParser.parse(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday", "32 Jan 2024 10:00:00 +0000", "2 Foo 2024 10:00:00 +0000",
        "2 Jan 2024 25:00:00 +0000", "2 Jan 2024 10:00:00 +01x0", "2 Jan 2024", "2 Jan 2024 10 +0000"})
    void rejects(String value) {
        assertNull(DateParser.parse(value));
    }

    @Test
    void invalidDateFallsBackToInternalDate() {
        MessageSummary s = Fixtures.parse("Date: not a date\r\n\r\n");
        assertEquals(Fixtures.INTERNAL_DATE, s.sortKeys().sentDate());
    }
}
