package paperboy.community;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import paperboy.catalog.ArxivId;
import paperboy.catalog.Database;
import paperboy.testing.TestDatabases;

/**
 * Public names in the catalog, on H2 and PostgreSQL: chosen names are unique ignoring case, the
 * names made from addresses never take a chosen one, and the migration keeps existing members.
 */
class MemberNamesTest {
    @TempDir Path dir;

    private static final Clock CLOCK =
            Clock.fixed(Instant.parse("2026-07-01T12:00:00Z"), ZoneOffset.UTC);

    @ParameterizedTest
    @MethodSource("paperboy.testing.TestDatabases#kinds")
    void aChosenNameIsShownEverywhereAndUniqueIgnoringCase(String kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            Accounts accounts = new Accounts(db.dataSource(), CLOCK);
            CommunityStore store = new CommunityStore(db.dataSource(), CLOCK);
            Member ada = accounts.memberFor("ada@example.org");
            Member bob = accounts.memberFor("bob@example.org");
            assertThat(ada.name()).isEqualTo("ada");
            assertThat(accounts.publicName(ada.id()))
                    .isEqualTo(new Accounts.PublicName("ada", false));

            Accounts.NameChoice chosen = accounts.chooseName(ada.id(), "  Ada   Lovelace ");
            assertThat(chosen.chosen()).isTrue();
            assertThat(chosen.name()).isEqualTo("Ada Lovelace");
            assertThat(accounts.findByEmail("ada@example.org").orElseThrow().name())
                    .isEqualTo("Ada Lovelace");
            assertThat(accounts.publicName(ada.id()).chosen()).isTrue();
            long comment = store.comment(ArxivId.of("2401.00001"), ada.id(), "hello");
            assertThat(store.comment(comment).orElseThrow().memberName()).isEqualTo("Ada Lovelace");
            assertThat(accounts.auditLog(5))
                    .anyMatch(
                            e ->
                                    e.action().equals("rename")
                                            && e.target().equals("ada → Ada Lovelace")
                                            && e.memberName().equals("Ada Lovelace"));

            for (String same : new String[] {"ADA LOVELACE", "ada lovelace", "Ａｄａ Lovelace"}) {
                Accounts.NameChoice taken = accounts.chooseName(bob.id(), same);
                assertThat(taken.chosen()).as(same).isFalse();
                assertThat(taken.refusal()).as(same).contains("already another member's name");
            }
            assertThat(accounts.findByEmail("bob@example.org").orElseThrow().name())
                    .isEqualTo("bob");
            assertThat(accounts.chooseName(bob.id(), "ada").refusal())
                    .as("ada's old name is free again")
                    .isNull();
            assertThat(accounts.chooseName(ada.id(), "ada lovelace").chosen())
                    .as("one's own name in another case")
                    .isTrue();
            assertThat(accounts.chooseName(bob.id(), "Admin").refusal()).contains("reserved");
            assertThat(accounts.findByEmail("bob@example.org").orElseThrow().name())
                    .isEqualTo("ada");
        }
    }

    @ParameterizedTest
    @MethodSource("paperboy.testing.TestDatabases#kinds")
    void aNameMadeFromAnAddressNeverCopiesAnotherMembersNameOrTheStaffs(String kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            Accounts accounts = new Accounts(db.dataSource(), CLOCK);
            Member first = accounts.memberFor("someone@example.org");
            assertThat(accounts.chooseName(first.id(), "Carol").chosen()).isTrue();
            assertThat(accounts.memberFor("carol@example.org").name())
                    .as("Carol is taken in another case")
                    .isEqualTo("carol-2");
            assertThat(accounts.memberFor("carol@example.net").name()).isEqualTo("carol-3");
            assertThat(accounts.memberFor("admin@example.org").name()).isEqualTo("member");
            assertThat(accounts.memberFor("support@example.net").name()).isEqualTo("member-2");
            assertThat(accounts.memberFor("site-admin@example.org").name()).isEqualTo("member-3");
            assertThat(accounts.memberFor("sysadmin@example.org").name()).isEqualTo("sysadmin");
        }
    }

    @ParameterizedTest
    @MethodSource("paperboy.testing.TestDatabases#kinds")
    void theMigrationKeepsEveryMembersNameAndKeysThem(String kind) throws Exception {
        String url = TestDatabases.url(kind, dir); // loads Database first: H2's bind address
        Flyway.configure()
                .dataSource(url, null, null)
                .locations("classpath:db/migration")
                .target("7")
                .load()
                .migrate();
        try (Connection c = DriverManager.getConnection(url);
                Statement st = c.createStatement()) {
            st.executeUpdate(
                    "INSERT INTO members (email, name, created_at) VALUES"
                            + " ('bob@example.org', 'bob', TIMESTAMP '2026-01-01 00:00:00'),"
                            + " ('tool@example.org', 'Bob', TIMESTAMP '2026-01-02 00:00:00'),"
                            + " ('eve@example.org', 'eve', TIMESTAMP '2026-01-03 00:00:00')");
        }
        try (Database db = Database.open(url, null, null)) {
            Accounts accounts = new Accounts(db.dataSource(), CLOCK);
            Member bob = accounts.findByEmail("bob@example.org").orElseThrow();
            Member tool = accounts.findByEmail("tool@example.org").orElseThrow();
            assertThat(bob.name()).isEqualTo("bob");
            assertThat(tool.name())
                    .as("the later of two names that differ only in case")
                    .isEqualTo("Bob-" + tool.id());
            assertThat(accounts.findByEmail("eve@example.org").orElseThrow().name())
                    .isEqualTo("eve");
            assertThat(accounts.publicName(bob.id()).chosen()).isFalse();
            Member eve = accounts.findByEmail("eve@example.org").orElseThrow();
            assertThat(accounts.chooseName(eve.id(), "BOB").refusal())
                    .as("keys of migrated names are in force")
                    .contains("already another member's name");
        }
    }
}
