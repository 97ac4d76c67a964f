package org.loftmail.core.model;

import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * A message's persistent flags: the RFC 3501 system flags as a bit set plus keywords.
 * {@code \Recent} is session state and never stored. Keywords keep their case but compare
 * case-insensitively, as IMAP atoms do.
 */
public record Flags(int system, Set<String> keywords) {
    public static final int SEEN = 1;
    public static final int ANSWERED = 2;
    public static final int FLAGGED = 4;
    public static final int DELETED = 8;
    public static final int DRAFT = 16;
    public static final int ALL_SYSTEM = 31;
    public static final Flags NONE = new Flags(0, Set.of());
    private static final int MAX_KEYWORD = 250;

    public Flags {
        if ((system & ~ALL_SYSTEM) != 0) {
            throw new IllegalArgumentException("unknown system flag bits " + system);
        }
        if (keywords.isEmpty()) {
            keywords = Set.of();
        } else {
            keywords = sortedKeywords(keywords);
        }
    }

    /** Flags without keywords, one shared instance per combination: index scans decode many. */
    private static final Flags[] SYSTEM_ONLY = new Flags[ALL_SYSTEM + 1];

    static {
        for (int i = 0; i <= ALL_SYSTEM; i++) {
            SYSTEM_ONLY[i] = new Flags(i, Set.of());
        }
    }

    /** The flags with these system bits and no keywords. */
    public static Flags ofSystem(int system) {
        if (system < 0 || system > ALL_SYSTEM) {
            throw new IllegalArgumentException("unknown system flag bits " + system);
        }
        return SYSTEM_ONLY[system];
    }

    private static Set<String> sortedKeywords(Set<String> keywords) {
        TreeSet<String> k = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (String kw : keywords) {
            checkKeyword(kw);
            k.add(kw);
        }
        return Collections.unmodifiableSet(k);
    }

    public static Flags of(int system, String... keywords) {
        return new Flags(system, Set.of(keywords));
    }

    public boolean has(int flag) {
        return (system & flag) != 0;
    }

    public Flags plus(Flags other) {
        Set<String> k = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        k.addAll(keywords);
        k.addAll(other.keywords);
        return new Flags(system | other.system, k);
    }

    public Flags minus(Flags other) {
        Set<String> k = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        k.addAll(keywords);
        k.removeAll(other.keywords);
        return new Flags(system & ~other.system, k);
    }

    /** The IMAP name of a system flag bit, e.g. {@code \Seen}. */
    public static String systemName(int bit) {
        return switch (bit) {
            case SEEN -> "\\Seen";
            case ANSWERED -> "\\Answered";
            case FLAGGED -> "\\Flagged";
            case DELETED -> "\\Deleted";
            case DRAFT -> "\\Draft";
            default -> throw new IllegalArgumentException("not a single system flag: " + bit);
        };
    }

    /** The bit of a system flag name (case-insensitive), or 0 if it is not one. */
    public static int systemBit(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "\\seen" -> SEEN;
            case "\\answered" -> ANSWERED;
            case "\\flagged" -> FLAGGED;
            case "\\deleted" -> DELETED;
            case "\\draft" -> DRAFT;
            default -> 0;
        };
    }

    private static void checkKeyword(String kw) {
        if (kw.isEmpty() || kw.length() > MAX_KEYWORD) {
            throw new IllegalArgumentException("keyword length must be 1.." + MAX_KEYWORD);
        }
        for (int i = 0; i < kw.length(); i++) {
            char c = kw.charAt(i);
            // RFC 3501 atom-char minus resp-specials; a backslash would make it a system flag.
            if (c <= 0x20 || c >= 0x7f || "(){%*\"\\]".indexOf(c) >= 0) {
                throw new IllegalArgumentException("keyword has a forbidden character: " + kw);
            }
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("(");
        for (int bit = 1; bit <= DRAFT; bit <<= 1) {
            if (has(bit)) {
                sb.append(sb.length() > 1 ? " " : "").append(systemName(bit));
            }
        }
        for (String k : keywords) {
            sb.append(sb.length() > 1 ? " " : "").append(k);
        }
        return sb.append(')').toString();
    }
}
