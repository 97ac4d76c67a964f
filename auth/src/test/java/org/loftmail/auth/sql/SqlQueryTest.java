package org.loftmail.auth.sql;

import org.loftmail.auth.UserNames;
import org.loftmail.auth.LookupVars;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlQueryTest {
    private static final LookupVars ALICE = new LookupVars("Alice@Example.COM", "imap", "192.0.2.7", "198.51.100.1");

    @Test
    void quotedVariablesBecomeParameters() {
        SqlQuery q = SqlQuery.compile("SELECT email as user, password FROM virtual_users WHERE email='%u'", SqlDriver.MYSQL);
        assertEquals("SELECT email as user, password FROM virtual_users WHERE email=?", q.jdbcSql());
        assertEquals(List.of("Alice@Example.COM"), q.bind(ALICE));
    }

    @Test
    void aLiteralWithSeveralVariablesIsOneParameter() {
        SqlQuery q = SqlQuery.compile("SELECT '/srv/mail/%d/%n' AS home, 'Y' AS x FROM users"
                + " WHERE userid = '%n@%d' AND active = '1' AND s = LOWER('%s')", SqlDriver.PGSQL);
        assertEquals("SELECT ? AS home, 'Y' AS x FROM users WHERE userid = ? AND active = '1' AND s = LOWER(?)",
                q.jdbcSql());
        assertEquals(List.of("/srv/mail/Example.COM/Alice", "Alice@Example.COM", "imap"), q.bind(ALICE));
    }

    @Test
    void everyVariableAndModifier() {
        SqlQuery q = SqlQuery.compile("SELECT 1 WHERE a = '%u|%n|%d|%s|%r|%l|%%' AND b = '%{user}|%{username}|%{domain}"
                + "|%{service}|%{rip}|%{lip}' AND c = '%Lu|%Ln|%Ud|%L{domain}'", SqlDriver.MYSQL);
        assertEquals(List.of(
                "Alice@Example.COM|Alice|Example.COM|imap|192.0.2.7|198.51.100.1|%",
                "Alice@Example.COM|Alice|Example.COM|imap|192.0.2.7|198.51.100.1",
                "alice@example.com|alice|EXAMPLE.COM|example.com"), q.bind(ALICE));
        LookupVars noDomain = LookupVars.forUser("bob");
        assertEquals(List.of("bob|bob|||||%", "bob|bob||||", "bob|bob||"), q.bind(noDomain));
    }

    @Test
    void percentOutsideQuotesIsOnlyTheEscapedPercent() {
        assertEquals("SELECT id % 2 FROM t", SqlQuery.compile("SELECT id %% 2 FROM t", SqlDriver.MYSQL).jdbcSql());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SqlQuery.compile("SELECT password FROM users WHERE email = %u", SqlDriver.MYSQL));
        assertTrue(e.getMessage().contains("write '%u'"), e.getMessage());
    }

    @Test
    void literalsWithoutVariablesStayAsWritten() {
        String sql = "SELECT 'it''s', 'a\\'b', \"%%\" FROM t -- '%u' in a comment\n";
        SqlQuery q = SqlQuery.compile(sql, SqlDriver.MYSQL);
        assertEquals("SELECT 'it''s', 'a\\'b', ? FROM t -- '%u' in a comment\n", q.jdbcSql());
        assertEquals(List.of("%"), q.bind(ALICE));
    }

    @Test
    void mysqlReadsBackslashesAndDoubleQuotedStrings() {
        SqlQuery q = SqlQuery.compile("SELECT 1 FROM t WHERE a = 'it\\'s %n' AND b = \"%d\" AND c = 'x''%n'",
                SqlDriver.MYSQL);
        assertEquals("SELECT 1 FROM t WHERE a = ? AND b = ? AND c = ?", q.jdbcSql());
        assertEquals(List.of("it's Alice", "Example.COM", "x'Alice"), q.bind(ALICE));
    }

    @Test
    void postgresqlReadsStandardStringsAndQuotedNames() {
        SqlQuery q = SqlQuery.compile("SELECT \"user\" FROM t WHERE a = 'C:\\%n' AND b = E'\\t%n' AND c = 'x''%n'",
                SqlDriver.PGSQL);
        assertEquals("SELECT \"user\" FROM t WHERE a = ? AND b = ? AND c = ?", q.jdbcSql());
        assertEquals(List.of("C:\\Alice", "\tAlice", "x'Alice"), q.bind(ALICE));
        assertThrows(IllegalArgumentException.class,
                () -> SqlQuery.compile("SELECT 1 FROM t WHERE a = \"%u\"", SqlDriver.PGSQL));
    }

    @Test
    void hostileValuesAreBoundVerbatim() {
        SqlQuery q = SqlQuery.compile("SELECT password FROM users WHERE email = '%u'", SqlDriver.MYSQL);
        for (String hostile : List.of("' OR '1'='1", "\\' OR 1=1 -- ", "a\\", "%u", "x\0y")) {
            assertEquals(List.of(hostile), q.bind(LookupVars.forUser(hostile)));
        }
    }

    @Test
    void badQueriesAreRefusedWithAReason() {
        for (String bad : List.of("SELECT 1 WHERE a = '%x'", "SELECT 1 WHERE a = '%u", "SELECT 1 WHERE a = ?",
                "SELECT `%u` FROM t", "SELECT 1 WHERE a = '%{home}'", "SELECT 1 WHERE a = '100%'",
                "SELECT 1 WHERE a = '%{user'")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SqlQuery.compile(bad, SqlDriver.MYSQL), bad);
            assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
        }
    }

    @Test
    void nameColumnsRenameTheUserAsDovecotDoes() {
        assertEquals("bob@example.com", UserNames.rename("alice@example.com", "user", "bob@example.com"));
        assertEquals("bob@example.com", UserNames.rename("alice@example.com", "username", "bob"));
        assertEquals("bob@other.org", UserNames.rename("alice@example.com", "username", "bob@other.org"));
        assertEquals("alice@other.org", UserNames.rename("alice@example.com", "domain", "other.org"));
        assertEquals("alice@other.org", UserNames.rename("alice", "domain", "other.org"));
        assertTrue(UserNames.plausible("' OR '1'='1"));
        assertTrue(!UserNames.plausible("alice\0") && !UserNames.plausible("a\nb") && !UserNames.plausible(""));
    }
}
