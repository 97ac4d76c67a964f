package org.loftmail.auth.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.auth.PasswordScheme;

class SqlSettingsTest {
    @TempDir
    Path dir;

    @Test
    void readsAFileAsTheGuidesWriteIt() throws Exception {
        Path file = dir.resolve("dovecot-sql.conf.ext");
        Files.writeString(file, String.join("\n",
                "# This file is opened as root, so it should be owned by root and mode 0600.",
                "#",
                "# Database driver: mysql, pgsql, sqlite",
                "driver = mysql",
                "",
                "connect = host=127.0.0.1 dbname=mailserver user=mailuser password=mailuserpass",
                "default_pass_scheme = SHA512-CRYPT   # as 'openssl passwd -6' makes them",
                "#password_query = \\",
                "#  SELECT username, domain, password \\",
                "#  FROM users WHERE username = '%n' AND domain = '%d'",
                "password_query = SELECT email as user, password FROM virtual_users WHERE email='%u';",
                "user_query = \\",
                "  SELECT '/var/mail/vhosts/%d/%n' AS home, 5000 AS uid, 5000 AS gid \\",
                "  FROM virtual_users WHERE email = '%u'",
                "iterate_query = SELECT email AS user FROM virtual_users",
                ""));
        SqlSettings s = SqlSettings.read(file);
        assertEquals(SqlDriver.MYSQL, s.driver());
        assertEquals(new SqlConnect(List.of("127.0.0.1"), 0, "mailserver", "mailuser", "mailuserpass", 2000, 5, ""),
                s.connect());
        assertEquals(Optional.of(PasswordScheme.SHA512_CRYPT), s.defaultPassScheme());
        assertEquals("SELECT email as user, password FROM virtual_users WHERE email=?;", s.passwordQuery().jdbcSql());
        assertEquals("SELECT ? AS home, 5000 AS uid, 5000 AS gid FROM virtual_users WHERE email = ?",
                s.userQuery().jdbcSql());
        assertEquals("SELECT email AS user FROM virtual_users", s.iterateQuery().jdbcSql());
    }

    @Test
    void continuationFollowsDovecotsRule() {
        SqlSettings s = parse("driver = pgsql",
                "connect = host=db1 host=db2 port=6432 dbname=mail user=dovecot password='pa ss\\'#1' maxconns=9 \\",
                "          connect_timeout=3 sslmode=require",
                "password_query = SELECT password \\",
                "",
                "# a comment inside a continued value is skipped, as Dovecot skips it",
                "    FROM users   \\   ",
                "\tWHERE userid = '%u' # trailing comment");
        assertEquals(new SqlConnect(List.of("db1", "db2"), 6432, "mail", "dovecot", "pa ss'#1", 3000, 9, "require"),
                s.connect());
        assertEquals("SELECT password FROM users WHERE userid = '%u'", s.passwordQuery().source());
    }

    @Test
    void quotedValuesAreUnquoted() {
        SqlSettings s = parse("driver = \"pgsql\"", "connect = 'host=x dbname=y'",
                "password_query = \"SELECT password FROM users WHERE userid = '%u' AND x = 'a#b'\"");
        assertEquals(List.of("x"), s.connect().hosts());
        assertEquals("y", s.connect().dbname());
        assertEquals("SELECT password FROM users WHERE userid = '%u' AND x = 'a#b'", s.passwordQuery().source());
    }

    @Test
    void missingSettingsTakeDovecotsDefaults() {
        SqlSettings s = parse("driver = pgsql", "connect = dbname=mail");
        assertEquals(SqlSettings.DEFAULT_PASSWORD_QUERY, s.passwordQuery().source());
        assertEquals(SqlSettings.DEFAULT_USER_QUERY, s.userQuery().source());
        assertEquals(SqlSettings.DEFAULT_ITERATE_QUERY, s.iterateQuery().source());
        assertEquals(PasswordScheme.byName("MD5"), s.defaultPassScheme());
        assertEquals(List.of("localhost"), s.connect().hosts());
    }

    @Test
    void thePasswordStaysOutOfToString() {
        SqlSettings s = parse("driver = mysql", "connect = host=h password=s3cret");
        assertFalse(s.connect().toString().contains("s3cret"), s.connect().toString());
    }

    @Test
    void errorsNameTheFileAndLine() {
        assertError("x.conf:2: unknown setting 'pasword_query'", "driver = mysql", "pasword_query = SELECT 1");
        assertError("x.conf:2: expected 'key = value'", "driver = mysql", "SELECT password FROM users");
        assertError("x.conf:1: driver 'sqlite' is not supported", "driver = sqlite", "connect = /x.db");
        assertError("x.conf:3: unknown password scheme 'NOPE'", "driver = mysql", "connect = host=h", "default_pass_scheme = NOPE");
        assertError("x.conf:2: connect: unknown key 'hots'", "driver = mysql", "connect = hots=h");
        assertError("x.conf:2: connect: unterminated quoted value", "driver = mysql", "connect = password='abc");
        assertError("x.conf:2: connect: host=/run/postgresql: unix sockets are not supported",
                "driver = pgsql", "connect = host=/run/postgresql");
        assertError("x.conf:2: connect: port=http is not a number", "driver = pgsql", "connect = port=http");
        assertError("x.conf:3: password_query: variable %u is outside quotes; write '%u'",
                "driver = mysql", "connect = host=h", "password_query = SELECT password \\",
                "  FROM users WHERE email = %u");
        assertError("x.conf:3: user_query: unknown variable %x", "driver = mysql", "connect = host=h",
                "user_query = SELECT home FROM users WHERE u = '%x'");
        assertError("x.conf:1: !include is not supported", "!include other.conf");
        assertError("x.conf:1: sections are not allowed", "passdb {");
        assertError("x.conf: driver is not set", "connect = host=h");
        assertError("x.conf: connect is not set", "driver = mysql");
    }

    @Test
    void anUnreadableFileSaysWhich() {
        SqlSettingsException e = assertThrows(SqlSettingsException.class, () -> SqlSettings.read(dir.resolve("nope")));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
    }

    @Test
    void jdbcUrlsForEachDriver() {
        SqlConnect one = SqlConnect.parse("host=127.0.0.1 dbname=mail", SqlDriver.MYSQL);
        assertEquals("jdbc:mariadb://127.0.0.1:3306/mail", SqlDatabase.jdbcUrl(SqlDriver.MYSQL, one));
        SqlConnect spaced = SqlConnect.parse("host=db1 host=::1 port=7 dbname='mail box'", SqlDriver.PGSQL);
        assertEquals("jdbc:postgresql://db1:7,[::1]:7/mail+box", SqlDatabase.jdbcUrl(SqlDriver.PGSQL, spaced));
        assertEquals("jdbc:mariadb:loadbalance://a:3306,b:3306/",
                SqlDatabase.jdbcUrl(SqlDriver.MYSQL, SqlConnect.parse("host=a host=b", SqlDriver.MYSQL)));
    }

    private static SqlSettings parse(String... lines) {
        return SqlSettings.parse(String.join("\n", lines), "x.conf");
    }

    private static void assertError(String expectedStart, String... lines) {
        SqlSettingsException e = assertThrows(SqlSettingsException.class, () -> parse(lines));
        assertTrue(e.getMessage().startsWith(expectedStart), "expected '" + expectedStart + "...', got: " + e.getMessage());
    }
}
