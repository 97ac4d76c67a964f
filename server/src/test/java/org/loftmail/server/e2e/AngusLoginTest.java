package org.loftmail.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.AuthenticationFailedException;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.loftmail.server.LoftTestServer;

/** Every way Angus Mail logs in, with the right password and with a wrong one. */
final class AngusLoginTest {
    @RegisterExtension
    final AngusClients clients = new AngusClients();

    @ParameterizedTest
    @EnumSource(AngusClients.Login.class)
    void logsIn(AngusClients.Login login) throws Exception {
        for (LoftTestServer.User user : new LoftTestServer.User[] {LoftTestServer.ALICE, LoftTestServer.BOB}) {
            IMAPStore store = clients.imaps(user, login);
            assertTrue(store.hasCapability("MOVE"), "the capabilities after login are the full list");
            assertEquals("INBOX", store.getFolder("INBOX").getFullName());
            assertTrue(store.getFolder("INBOX").exists());
        }
    }

    @ParameterizedTest
    @EnumSource(AngusClients.Login.class)
    void aWrongPasswordIsRefused(AngusClients.Login login) {
        assertThrows(AuthenticationFailedException.class,
                () -> clients.imaps(new LoftTestServer.User(LoftTestServer.ALICE.name(), "not the password"), login));
    }
}
