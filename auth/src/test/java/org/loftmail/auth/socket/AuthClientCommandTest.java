package org.loftmail.auth.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class AuthClientCommandTest {
    @Test
    void authParametersAreReadAsTheSpecSays() throws Exception {
        AuthClientCommand.Auth a = (AuthClientCommand.Auth) AuthClientCommand.parse(
                "AUTH\t4294967295\tPLAIN\tservice=smtp\tlip=::1\trip=cafe\tsecured=tls\tvalid-client-cert\tresp=AA==\tservice=x");
        assertEquals(4294967295L, a.id());
        assertEquals("smtp", a.service(), "nothing after resp counts");
        assertEquals(InetAddress.getByName("::1"), a.local());
        assertNull(a.remote(), "a name is not an address, and is never looked up");
        assertEquals(true, a.secured());
        assertEquals(true, a.validClientCert());
        assertEquals("AA==", a.initialResponse());

        AuthClientCommand.Auth exim = (AuthClientCommand.Auth) AuthClientCommand.parse("AUTH\t1\tPLAIN\tservice=smtp\tresp=");
        assertNull(exim.initialResponse(), "Exim's empty resp= means none");
        assertNull(((AuthClientCommand.Auth) AuthClientCommand.parse("AUTH\t1\tPLAIN\tservice=smtp\trip=1.2.3")).remote());
        assertEquals(InetAddress.getByName("192.0.2.1"),
                ((AuthClientCommand.Auth) AuthClientCommand.parse("AUTH\t1\tPLAIN\tservice=smtp\trip=192.0.2.1")).remote());
    }
}
