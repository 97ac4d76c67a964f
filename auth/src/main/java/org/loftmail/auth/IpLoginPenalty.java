package org.loftmail.auth;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.loftmail.core.auth.LoginPenalty;

/**
 * Dovecot's auth penalty: each failed login from an address doubles the wait before its next
 * attempt is checked (2 s, 4 s, 8 s, then 15 s at most), IPv6 clients are counted per /48 (one
 * site can use many addresses), trusted networks are exempt, and a success or an hour without
 * failures forgets the address.
 */
public final class IpLoginPenalty implements LoginPenalty {
    /** Dovecot's defaults. */
    public static final long BASE_MILLIS = 2000;
    public static final long MAX_MILLIS = 15_000;
    private static final long FORGET_AFTER_MILLIS = 3_600_000;
    /** Beyond this many tracked addresses, forgotten ones are swept out first. */
    private static final int SWEEP_AT = 100_000;

    private final List<Cidr> trusted;
    private final long baseMillis;
    private final long maxMillis;
    private final LongSupplier clock;
    private final Map<ByteBuffer, Entry> failures = new ConcurrentHashMap<>();

    private record Entry(int count, long lastFailure) {
    }

    public IpLoginPenalty(List<Cidr> trusted) {
        this(trusted, BASE_MILLIS, MAX_MILLIS, System::currentTimeMillis);
    }

    public IpLoginPenalty(List<Cidr> trusted, long baseMillis, long maxMillis, LongSupplier clock) {
        this.trusted = List.copyOf(trusted);
        this.baseMillis = baseMillis;
        this.maxMillis = maxMillis;
        this.clock = clock;
    }

    @Override
    public long delayMillis(InetAddress remote) {
        ByteBuffer key = key(remote);
        if (key == null) {
            return 0;
        }
        Entry e = failures.get(key);
        if (e == null || clock.getAsLong() - e.lastFailure() > FORGET_AFTER_MILLIS) {
            return 0;
        }
        long delay = baseMillis << Math.min(e.count() - 1, 20);
        return Math.min(delay, maxMillis);
    }

    @Override
    public void failed(InetAddress remote) {
        ByteBuffer key = key(remote);
        if (key == null) {
            return;
        }
        long now = clock.getAsLong();
        if (failures.size() >= SWEEP_AT) {
            failures.values().removeIf(e -> now - e.lastFailure() > FORGET_AFTER_MILLIS);
        }
        failures.merge(key, new Entry(1, now), (old, one) ->
                now - old.lastFailure() > FORGET_AFTER_MILLIS ? one : new Entry(old.count() + 1, now));
    }

    @Override
    public void succeeded(InetAddress remote) {
        ByteBuffer key = key(remote);
        if (key != null) {
            failures.remove(key);
        }
    }

    /** The address counted for {@code remote}: IPv4 whole, IPv6 its /48; null when trusted or unknown. */
    private ByteBuffer key(InetAddress remote) {
        if (remote == null) {
            return null;
        }
        for (Cidr c : trusted) {
            if (c.contains(remote)) {
                return null;
            }
        }
        byte[] a = remote.getAddress();
        return ByteBuffer.wrap(a, 0, a.length == 16 ? 6 : a.length).slice();
    }
}
