package paperboy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import paperboy.Paperboy;
import paperboy.app.Instance;
import paperboy.catalog.ArxivId;
import paperboy.community.Role;
import paperboy.config.Setting;
import paperboy.digest.Cadence;
import paperboy.digest.Subscription;
import paperboy.digest.Subscriptions;
import paperboy.library.CollectionStore;
import paperboy.library.LibraryStore;
import paperboy.recommend.Tastes;
import paperboy.testing.TestDatabases;
import paperboy.testing.TestSettings;

/**
 * {@code paperboy export} then {@code paperboy import} into an empty catalog gives the same
 * community data (issue 15, part 2), on H2 and PostgreSQL; without {@code --with-secrets} no
 * session, sign-in token or link secret is in the file; a catalog with a community refuses an
 * export and is left as it was.
 */
class CommunityExportIT {
    private static final List<String> TABLES =
            List.of(
                    "members",
                    "feed_entries",
                    "upvotes",
                    "comments",
                    "audit_log",
                    "subscriptions",
                    "library_papers",
                    "paper_collections",
                    "collection_papers",
                    "not_for_me");

    @TempDir Path dir;

    @ParameterizedTest
    @MethodSource("paperboy.testing.TestDatabases#kinds")
    void anExportReadIntoAnEmptyCatalogIsTheSameCommunity(String kind) throws Exception {
        String source = TestDatabases.url(kind, dir.resolve("source"));
        String target = TestDatabases.url(kind, dir.resolve("target"));
        Secrets secrets = community(source, dir.resolve("source"));

        Path file = dir.resolve("community.jsonl");
        assertThat(cli(source, dir.resolve("source"), "export", file.toString())).isZero();
        String export = Files.readString(file);
        assertThat(export.lines().findFirst().orElseThrow())
                .contains("\"format\":\"paperboy-community\"")
                .contains("\"version\":1");
        assertThat(export)
                .contains("reader@example.org")
                .doesNotContain(secrets.subscription())
                .doesNotContain(secrets.session())
                .doesNotContain("\"secret\"")
                .doesNotContain("token_hash")
                .doesNotContain("csrf");

        assertThat(cli(target, dir.resolve("target"), "import", file.toString())).as(err).isZero();
        assertThat(out).contains("community data: ").contains(" members");
        for (String table : TABLES) {
            assertThat(rows(target, table, "secret"))
                    .as(table)
                    .isEqualTo(rows(source, table, "secret"))
                    .isNotEmpty();
        }
        assertThat(rows(target, "subscriptions", ""))
                .as("a new link secret for each subscription")
                .isNotEqualTo(rows(source, "subscriptions", ""));

        // ids go on after the imported ones
        try (Instance moved = instance(target, dir.resolve("target"))) {
            long newcomer = moved.accounts().memberFor("newcomer@example.org").id();
            assertThat(newcomer).isGreaterThan(secrets.lastMember());
        }

        List<String> before = rows(target, "members", "");
        assertThat(cli(target, dir.resolve("target"), "import", file.toString())).isEqualTo(1);
        assertThat(err).contains("already has community data").contains("nothing was changed");
        assertThat(rows(target, "members", "")).isEqualTo(before);

        Path withSecrets = dir.resolve("moving.jsonl.gz");
        assertThat(
                        cli(
                                source,
                                dir.resolve("source"),
                                "export",
                                "--with-secrets",
                                withSecrets.toString()))
                .isZero();
        String third = TestDatabases.url(kind, dir.resolve("third"));
        assertThat(cli(third, dir.resolve("third"), "import", withSecrets.toString()))
                .as(err)
                .isZero();
        assertThat(rows(third, "subscriptions", ""))
                .as("with --with-secrets the links keep working")
                .isEqualTo(rows(source, "subscriptions", ""));
    }

    private record Secrets(String subscription, String session, long lastMember) {}

    /**
     * Members of each standing, votes, comments, a feed, audit entries, a subscription, a library.
     */
    private static Secrets community(String url, Path data) {
        try (Instance instance = instance(url, data)) {
            ArxivId paper = ArxivId.of("2606.17584");
            var accounts = instance.accounts();
            var community = instance.community();
            long reader = accounts.memberFor("reader@example.org").id();
            long curator = accounts.grant("curator@example.org", Role.CURATOR, "the test").id();
            long admin = accounts.grant("admin@example.org", Role.ADMIN, "the test").id();
            accounts.chooseName(reader, "Avid Reader");
            long leaving = accounts.memberFor("leaving@example.org").id();
            long suspended = accounts.memberFor("suspended@example.org").id();
            accounts.suspend(suspended, true, admin);
            community.submit(paper, LocalDate.of(2026, 6, 30), reader);
            community.feature(ArxivId.of("2606.17406"), LocalDate.of(2026, 6, 30), false);
            community.hide(ArxivId.of("2606.23694"), LocalDate.of(2026, 6, 30));
            community.toggleUpvote(paper, reader);
            community.toggleUpvote(paper, curator);
            community.comment(paper, reader, "A **first** comment.");
            long hidden = community.comment(paper, leaving, "Hidden by a curator.");
            community.hideComment(hidden);
            long gone = community.comment(paper, reader, "Deleted by its author.");
            community.deleteComment(gone, reader);
            LibraryStore library =
                    new LibraryStore(instance.database().dataSource(), Clock.systemUTC());
            library.toggle(paper, reader);
            library.addAll(reader, List.of("2606.17406", "2606.23694"), "bibtex");
            library.toggle(paper, leaving);
            CollectionStore collections =
                    new CollectionStore(instance.database().dataSource(), Clock.systemUTC());
            long shared = collections.create(reader, "Shared", "Read **these**", true);
            collections.add(shared, paper);
            collections.add(shared, ArxivId.of("2606.17406"));
            collections.add(collections.create(leaving, "Gone with me", "", false), paper);
            Tastes tastes = instance.tastes();
            tastes.notForMe(reader, ArxivId.of("2606.23694"));
            tastes.notForMe(leaving, paper);
            accounts.delete(leaving, false);
            assertThat(library.papers(leaving)).as("a deleted account's library goes").isEmpty();
            assertThat(tastes.of(leaving).disliked()).as("and its thumbs down").isEmpty();
            assertThat(collections.ofMember(leaving)).as("and its collections").isEmpty();
            String session =
                    accounts.createSession(reader, Duration.ofDays(1), Instant.now()).cookieToken();
            Subscriptions subscriptions = instance.subscriptions();
            Subscription s =
                    subscriptions.subscribe(
                            "reader@example.org",
                            new Subscriptions.Preferences(
                                    Cadence.WEEKLY, 5, List.of("graph networks"), List.of("cs.LG")),
                            Instant.now());
            subscriptions.confirm(s.id(), Instant.now());
            return new Secrets(s.secret(), session, suspended);
        }
    }

    private static Instance instance(String url, Path data) {
        return Instance.of(
                TestSettings.of(
                        data, url.startsWith("jdbc:h2:") ? Map.of() : Map.of(Setting.DB_URL, url)));
    }

    private String out = "";
    private String err = "";

    private int cli(String url, Path data, String... args) {
        List<String> all = new ArrayList<>(List.of("--data-dir", data.toString()));
        if (!url.startsWith("jdbc:h2:")) {
            all.addAll(List.of("--db-url", url));
        }
        all.addAll(List.of(args));
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int exit =
                Paperboy.run(
                        new PrintWriter(o, true),
                        new PrintWriter(e, true),
                        all.toArray(String[]::new));
        out = o.toString();
        err = e.toString();
        return exit;
    }

    /** Every row of {@code table} as text, without the column {@code leaveOut}. */
    private static List<String> rows(String url, String table, String leaveOut)
            throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT * FROM " + table + " ORDER BY 1, 2")) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    if (!meta.getColumnLabel(i).toLowerCase(Locale.ROOT).equals(leaveOut)) {
                        row.append(meta.getColumnLabel(i))
                                .append('=')
                                .append(rs.getString(i))
                                .append('|');
                    }
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
