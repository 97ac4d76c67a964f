package org.loftmail.imap.wire;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What one CAPABILITY response advertises. Written in enum order so the line is stable;
 * {@code AUTH=} expands to one entry per SASL mechanism at {@link Capability#AUTH}'s place.
 *
 * @param capabilities   fixed capabilities; AUTH is implied by a non-empty mechanism list
 * @param saslMechanisms e.g. {@code PLAIN}, {@code LOGIN}; empty when none are offered
 * @param appendLimit    the {@code APPENDLIMIT=n} value; empty writes a bare {@code APPENDLIMIT}
 *                       (limits vary per mailbox), ignored unless APPENDLIMIT is in the set
 */
public record CapabilityList(Set<Capability> capabilities, List<String> saslMechanisms, OptionalLong appendLimit) {
    public CapabilityList {
        EnumSet<Capability> set = EnumSet.noneOf(Capability.class);
        set.addAll(capabilities);
        if (set.contains(Capability.AUTH) && saslMechanisms.isEmpty()) {
            throw new IllegalArgumentException("AUTH needs at least one SASL mechanism");
        }
        for (String m : saslMechanisms) {
            // RFC 4422 mechanism names: upper-case letters, digits, '-' and '_'.
            if (m.isEmpty() || !m.equals(m.toUpperCase(Locale.ROOT)) || !m.chars().allMatch(
                    c -> (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                throw new IllegalArgumentException("bad SASL mechanism name: " + m);
            }
        }
        if (!saslMechanisms.isEmpty()) {
            set.add(Capability.AUTH);
        }
        capabilities = java.util.Collections.unmodifiableSet(set);
        saslMechanisms = List.copyOf(saslMechanisms);
    }

    public static CapabilityList of(Capability... capabilities) {
        return new CapabilityList(Set.of(capabilities), List.of(), OptionalLong.empty());
    }

    public CapabilityList withAuth(String... mechanisms) {
        return new CapabilityList(capabilities, List.of(mechanisms), appendLimit);
    }

    public CapabilityList withAppendLimit(long limit) {
        EnumSet<Capability> set = EnumSet.noneOf(Capability.class);
        set.addAll(capabilities);
        set.add(Capability.APPENDLIMIT);
        return new CapabilityList(set, saslMechanisms, OptionalLong.of(limit));
    }

    public boolean has(Capability c) {
        return capabilities.contains(c);
    }
}
