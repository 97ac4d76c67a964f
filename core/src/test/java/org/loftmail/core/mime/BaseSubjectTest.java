package org.loftmail.core.mime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 5256 section 2.1, including the shapes its ABNF and examples describe. */
class BaseSubjectTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Re: [list] Fwd: subject (fwd)|subject|true",
        "subject|subject|false",
        "RE: Re: re:  Subject|subject|true",
        "Fw: subject|subject|true",
        "FWD: subject|subject|true",
        "Re[2]: subject|subject|true",
        "Re [2] : subject|subject|true",
        "[list] subject|subject|false",
        "[list]|[list]|false",
        "[a][b] Re: subject|subject|true",
        "[fwd: Re: subject]|subject|true",
        "Re: [fwd: [list] subject (fwd)]|subject|true",
        "  spaced\t  out   subject  |spaced out subject|false",
        "Subject (fwd) (FWD)|subject|true",
        "Review: not a reply|review: not a reply|false",
        "Refund: x|refund: x|false",
        "Re:|''|true",
        "''|''|false",
    })
    void baseSubject(String subject, String base, boolean reply) {
        BaseSubject.Result r = BaseSubject.of(subject);
        assertEquals(Casemap.key(base), r.base());
        assertEquals(reply, r.replyOrForward());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "=?UTF-8?Q?Re:_caf=C3=A9?=|café",
        "=?ISO-8859-1?Q?Re=3A_caf=E9?=|café",
        "=?utf-8?b?UmU6IGNhZsOp?=|café",
        "=?UTF-8?Q?a?= =?UTF-8?Q?b?=|ab",
        "=?UTF-8?Q?a?=   x =?UTF-8?Q?b?=|a x b",
        "=?UTF-8?B?w6k=?==?UTF-8?B?w6k=?=|éé",
        "=?UTF-8?Q?=C3?= =?UTF-8?Q?=A9?=|é",
        "=?bogus?Q?x?=|x",
        "=?UTF-8?X?x?=|=?utf-8?x?x?=",
    })
    void decodedFirst(String raw, String base) {
        assertEquals(Casemap.key(base), BaseSubject.of(EncodedWords.decode(raw)).base());
    }
}
