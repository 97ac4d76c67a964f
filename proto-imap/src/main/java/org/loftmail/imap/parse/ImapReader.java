package org.loftmail.imap.parse;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.loftmail.imap.codec.ImapFrame;
import org.loftmail.imap.codec.ImapLiteral;

/**
 * A cursor over one frame's lines and literals with the RFC 3501 section 9 lexical rules. A
 * literal header {@code {n}} is only a literal when it ends its line; the reader then continues
 * on the next line, so the grammar code never sees the frame's line structure.
 */
final class ImapReader {
    private final List<String> lines;
    private final List<ImapLiteral> literals;
    private int lineIndex;
    private String line;
    private int pos;

    ImapReader(ImapFrame.Command frame) {
        this.lines = frame.lines();
        this.literals = frame.literals();
        this.line = lines.get(0);
    }

    /** The next char, or -1 at the end of a line (before a literal or at the very end). */
    int peek() {
        return pos < line.length() ? line.charAt(pos) : -1;
    }

    boolean atEnd() {
        return pos >= line.length() && lineIndex == lines.size() - 1;
    }

    boolean peekIs(char c) {
        return peek() == c;
    }

    /** Whether the char after the current one is a digit. */
    boolean nextIsDigit() {
        return pos + 1 < line.length() && Character.isDigit(line.charAt(pos + 1)) && line.charAt(pos + 1) < 128;
    }

    /** Whether {@code word} (case-insensitive) is next and ends there (space, ")" or end). */
    boolean lookingAtWord(String word) {
        int end = pos + word.length();
        if (end > line.length() || !line.regionMatches(true, pos, word, 0, word.length())) {
            return false;
        }
        return end == line.length() || line.charAt(end) == ' ' || line.charAt(end) == ')';
    }

    void skip() {
        pos++;
    }

    /** Whether the line continues with exactly {@code text} here. */
    boolean lookingAt(String text) {
        return line.startsWith(text, pos);
    }

    void expect(char c, String what) {
        if (peek() != c) {
            throw new ParseException(atEnd() ? "Missing " + what : "Expected " + what);
        }
        pos++;
    }

    /** Exactly one space before another argument. */
    void sp() {
        if (peek() != ' ') {
            throw new ParseException(atEnd() ? "Missing argument" : "Expected space");
        }
        pos++;
        if (peek() == ' ') {
            throw new ParseException("Unexpected extra space");
        }
        if (atEnd()) {
            throw new ParseException("Missing argument");
        }
    }

    /** Consumes " " if there is one (an optional argument follows). */
    boolean trySp() {
        if (peek() == ' ') {
            sp();
            return true;
        }
        return false;
    }

    void end() {
        if (!atEnd()) {
            throw new ParseException("Unexpected extra arguments");
        }
    }

    static boolean isAtomChar(int c) {
        return c > 0x20 && c < 0x7f && "(){%*\"\\]".indexOf(c) < 0;
    }

    static boolean isAstringChar(int c) {
        return isAtomChar(c) || c == ']';
    }

    /** 1*ATOM-CHAR, or an error naming what was expected. */
    String atom(String what) {
        int start = pos;
        while (isAtomChar(peek())) {
            pos++;
        }
        return token(start, what);
    }

    /** An atom upper-cased, for keywords (which are case-insensitive). */
    String keyword(String what) {
        return atom(what).toUpperCase(Locale.ROOT);
    }

    /** Chars accepted by {@code accept} (at least one), e.g. a sequence set or a list-mailbox. */
    String run(String what, CharTest accept) {
        int start = pos;
        while (pos < line.length() && accept.test(line.charAt(pos))) {
            pos++;
        }
        return token(start, what);
    }

    private String token(int start, String what) {
        if (pos == start) {
            throw new ParseException(atEnd() || peek() == -1 || peek() == ')' ? "Missing " + what : "Invalid " + what);
        }
        return line.substring(start, pos);
    }

    /** Tests one char. */
    interface CharTest {
        boolean test(char c);
    }

    String astring(String what) {
        int c = peek();
        if (c == '"' || isLiteralStart()) {
            return string(what);
        }
        int start = pos;
        while (isAstringChar(peek())) {
            pos++;
        }
        return token(start, what);
    }

    /** A quoted string or a literal. */
    String string(String what) {
        if (peek() == '"') {
            return quoted();
        }
        if (isLiteralStart()) {
            ImapLiteral l = literal();
            if (l.binary()) {
                throw new ParseException("Binary literal not allowed for " + what);
            }
            if (!(l instanceof ImapLiteral.InMemory)) {
                throw new ParseException("Literal too large for " + what);
            }
            ByteBuf b = ((ImapLiteral.InMemory) l).content();
            return b.toString(b.readerIndex(), b.readableBytes(), StandardCharsets.UTF_8);
        }
        throw new ParseException(atEnd() ? "Missing " + what : "Invalid " + what);
    }

    /** A string, or null for NIL. */
    String nstring(String what) {
        if (peek() == 'N' || peek() == 'n') {
            String a = atom(what);
            if (!a.equalsIgnoreCase("NIL")) {
                throw new ParseException("Invalid " + what);
            }
            return null;
        }
        return string(what);
    }

    private String quoted() {
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= line.length()) {
                throw new ParseException("Unterminated quoted string");
            }
            char c = line.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c == '\\') {
                if (pos >= line.length() || (line.charAt(pos) != '"' && line.charAt(pos) != '\\')) {
                    throw new ParseException("Invalid escape in quoted string");
                }
                c = line.charAt(pos++);
            } else if (c == 0 || c == '\r') {
                throw new ParseException("Invalid character in quoted string");
            }
            sb.append(c);
        }
    }

    boolean isLiteralStart() {
        int c = peek();
        return c == '{' || (c == '~' && pos + 1 < line.length() && line.charAt(pos + 1) == '{');
    }

    /** A literal or literal8: its header must end the line, its bytes are the frame's next literal. */
    ImapLiteral literal() {
        if (!isLiteralStart() || lineIndex >= literals.size() || !isHeaderToEnd(pos)) {
            throw new ParseException("Invalid literal");
        }
        ImapLiteral l = literals.get(lineIndex);
        lineIndex++;
        line = lines.get(lineIndex);
        pos = 0;
        return l;
    }

    /** Whether {@code ["~"] "{" 1*DIGIT ["+"] "}"} runs from {@code i} to the end of the line. */
    private boolean isHeaderToEnd(int i) {
        if (line.charAt(i) == '~') {
            i++;
        }
        int digits = ++i;
        while (i < line.length() && line.charAt(i) >= '0' && line.charAt(i) <= '9') {
            i++;
        }
        if (i == digits) {
            return false;
        }
        if (i < line.length() && line.charAt(i) == '+') {
            i++;
        }
        return i == line.length() - 1 && line.charAt(i) == '}';
    }

    long number(String what) {
        String digits = run(what, c -> c >= '0' && c <= '9');
        if (digits.length() > 19) {
            throw new ParseException("Invalid " + what);
        }
        long n = Long.parseLong(digits);
        if (n < 0) {
            throw new ParseException("Invalid " + what);
        }
        return n;
    }

    /** RFC 3501 number: 32-bit unsigned. */
    long number32(String what) {
        long n = number(what);
        if (n > 0xFFFFFFFFL) {
            throw new ParseException("Invalid " + what);
        }
        return n;
    }

    long nzNumber(String what) {
        long n = number32(what);
        if (n == 0) {
            throw new ParseException("Invalid " + what);
        }
        return n;
    }

    SequenceSet sequenceSet() {
        return SequenceSet.parse(run("sequence set", c -> (c >= '0' && c <= '9') || c == ':' || c == ',' || c == '*' || c == '$'));
    }

    /** A flag: {@code \Atom} or a keyword atom. */
    String flag() {
        if (peek() == '\\') {
            pos++;
            return "\\" + atom("flag");
        }
        return atom("flag");
    }

    /** "(" [flag *(SP flag)] ")". */
    List<String> flagList() {
        expect('(', "flag list");
        java.util.ArrayList<String> flags = new java.util.ArrayList<>();
        while (!peekIs(')')) {
            if (!flags.isEmpty()) {
                sp();
            }
            flags.add(flag());
        }
        pos++;
        return flags;
    }
}
