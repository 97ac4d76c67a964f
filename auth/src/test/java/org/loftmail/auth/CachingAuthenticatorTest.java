package org.loftmail.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.loftmail.core.auth.AuthRequest;
import org.loftmail.core.auth.AuthResult;
import org.loftmail.core.model.UserId;

class CachingAuthenticatorTest {
    private final AtomicLong now = new AtomicLong(0);
    private final AtomicInteger asked = new AtomicInteger();
    private final AtomicReference<AuthResult> answer = new AtomicReference<>();

    private CachingAuthenticator cache(int size) {
        return new CachingAuthenticator(r -> {
            asked.incrementAndGet();
            return answer.get();
        }, size, 60_000, 10_000, now::get);
    }

    private static AuthRequest req(String user, String password) {
        return new AuthRequest(user, password, "imap", null, true);
    }

    @Test
    void successesAndFailuresAreKeptForTheirTtlsTemporaryFailuresNever() {
        CachingAuthenticator c = cache(100);
        answer.set(new AuthResult.Success(new UserId("alice")));
        c.authenticate(req("alice", "pw"));
        c.authenticate(req("alice", "pw"));
        assertEquals(1, asked.get(), "the second login is answered from the cache");

        answer.set(new AuthResult.Failure("password mismatch"));
        assertInstanceOf(AuthResult.Failure.class, c.authenticate(req("alice", "wrong")));
        assertInstanceOf(AuthResult.Success.class, c.authenticate(req("alice", "pw")), "another password, another entry");
        assertEquals(2, asked.get());

        now.addAndGet(10_001);
        c.authenticate(req("alice", "wrong"));
        assertEquals(3, asked.get(), "the negative TTL has passed");
        now.addAndGet(50_000);
        c.authenticate(req("alice", "pw"));
        assertEquals(4, asked.get(), "the positive TTL has passed");

        answer.set(new AuthResult.Unavailable("database down"));
        c.authenticate(req("bob", "pw"));
        c.authenticate(req("bob", "pw"));
        assertEquals(6, asked.get(), "a temporary failure is never cached");
    }

    @Test
    void theLeastRecentlyUsedEntryGoesWhenFullAndFlushForgetsAll() {
        CachingAuthenticator c = cache(2);
        answer.set(new AuthResult.Success(new UserId("x")));
        c.authenticate(req("a", "1"));
        c.authenticate(req("b", "1"));
        c.authenticate(req("a", "1"));
        c.authenticate(req("c", "1"));
        assertEquals(3, asked.get());
        c.authenticate(req("a", "1"));
        assertEquals(3, asked.get(), "a was used recently and stays");
        c.authenticate(req("b", "1"));
        assertEquals(4, asked.get(), "b was evicted");
        c.flush();
        c.authenticate(req("a", "1"));
        assertEquals(5, asked.get());
    }
}
