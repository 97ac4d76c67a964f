package org.loftmail.imap.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.loftmail.imap.wire.Wire.write;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.loftmail.core.model.Flags;

class ResponseCodeTest {

    private static String line(ResponseCode code) {
        return write(w -> w.status("t", Condition.NO, code, "x"));
    }

    @ParameterizedTest
    @EnumSource(ResponseCode.Simple.class)
    void simpleCodesAreTheirAtom(ResponseCode.Simple code) {
        String atom = switch (code) {
            case READ_ONLY -> "READ-ONLY";
            case READ_WRITE -> "READ-WRITE";
            case UNKNOWN_CTE -> "UNKNOWN-CTE";
            default -> code.name();
        };
        assertEquals("t NO [" + atom + "] x\r\n", line(code));
    }

    static Stream<Arguments> codesWithArguments() {
        Flags perm = Flags.of(Flags.SEEN | Flags.ANSWERED | Flags.FLAGGED | Flags.DELETED | Flags.DRAFT);
        return Stream.of(
                Arguments.of(new ResponseCode.BadCharset(List.of()), "BADCHARSET"),
                Arguments.of(new ResponseCode.BadCharset(List.of("UTF-8", "US-ASCII")), "BADCHARSET (UTF-8 US-ASCII)"),
                Arguments.of(new ResponseCode.PermanentFlags(perm, true),
                        "PERMANENTFLAGS (\\Seen \\Answered \\Flagged \\Deleted \\Draft \\*)"),
                Arguments.of(new ResponseCode.PermanentFlags(perm, false),
                        "PERMANENTFLAGS (\\Seen \\Answered \\Flagged \\Deleted \\Draft)"),
                Arguments.of(new ResponseCode.PermanentFlags(Flags.NONE, false), "PERMANENTFLAGS ()"),
                Arguments.of(new ResponseCode.PermanentFlags(Flags.NONE, true), "PERMANENTFLAGS (\\*)"),
                Arguments.of(new ResponseCode.PermanentFlags(Flags.of(Flags.SEEN, "$Junk"), true),
                        "PERMANENTFLAGS (\\Seen $Junk \\*)"),
                Arguments.of(new ResponseCode.UidNext(4392), "UIDNEXT 4392"),
                Arguments.of(new ResponseCode.UidValidity(3857529045L), "UIDVALIDITY 3857529045"),
                Arguments.of(new ResponseCode.Unseen(12), "UNSEEN 12"),
                Arguments.of(new ResponseCode.HighestModSeq(715194045007L), "HIGHESTMODSEQ 715194045007"),
                Arguments.of(new ResponseCode.AppendUid(38505, NumberSet.of(3955)), "APPENDUID 38505 3955"),
                Arguments.of(new ResponseCode.AppendUid(38505, NumberSet.of(3955, 3956, 3957)),
                        "APPENDUID 38505 3955:3957"),
                Arguments.of(new ResponseCode.CopyUid(38505, NumberSet.of(304, 319, 320, 321), NumberSet.of(3956, 3957, 3958, 3959)),
                        "COPYUID 38505 304,319:321 3956:3959"),
                Arguments.of(new ResponseCode.Modified(NumberSet.of(7, 9)), "MODIFIED 7,9"),
                Arguments.of(new ResponseCode.Capabilities(CapabilityList.of(Capability.IMAP4REV1, Capability.IDLE)),
                        "CAPABILITY IMAP4rev1 IDLE"));
    }

    @ParameterizedTest
    @MethodSource("codesWithArguments")
    void codesWithArgumentsWriteExactly(ResponseCode code, String inside) {
        assertEquals("t NO [" + inside + "] x\r\n", line(code));
    }

    @Test
    void greetingWithCapabilityCode() {
        CapabilityList caps = CapabilityList.of(Capability.IMAP4REV1, Capability.STARTTLS, Capability.LOGINDISABLED);
        assertEquals("* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] Loft ready.\r\n",
                write(w -> w.status(null, Condition.OK, new ResponseCode.Capabilities(caps), "Loft ready.")));
    }
}
