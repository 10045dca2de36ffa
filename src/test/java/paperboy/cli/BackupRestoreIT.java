package paperboy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import paperboy.Paperboy;
import paperboy.app.Instance;
import paperboy.catalog.ArxivId;
import paperboy.catalog.Database;
import paperboy.community.Role;
import paperboy.testing.PaperboyProcess;
import paperboy.testing.SharedData;
import paperboy.testing.TestSettings;

/**
 * {@code paperboy backup} while {@code serve} runs on the source, then {@code restore} into an
 * empty data dir (issue 15): the copy has the same stats, the same search results and the same
 * community data, and its index is built. Keyword search only ({@code search.model=none}), so the
 * source does not change under the comparison by embedding in the background.
 */
class BackupRestoreIT {
    private static final List<String> COMMUNITY_TABLES =
            List.of(
                    "members",
                    "feed_entries",
                    "upvotes",
                    "comments",
                    "audit_log",
                    "subscriptions",
                    "digest_deliveries");

    @TempDir Path dir;

    @Test
    void aBackupTakenWhileServeRunsRestoresToTheSameInstance() throws Exception {
        Path source = dir.resolve("source");
        Path backup = dir.resolve("backup");
        Path copy = dir.resolve("copy");
        Files.createDirectories(source);
        Files.writeString(source.resolve("paperboy.properties"), "search.model=none\n");
        assertThat(cli(source, "import", "--progress", "none", sample())).isZero();
        communityIn(source);

        try (PaperboyProcess serve =
                PaperboyProcess.start(
                        Map.of(),
                        "--data-dir",
                        source.toString(),
                        "serve",
                        "--port",
                        "0",
                        "--no-harvest")) {
            serve.awaitLine(l -> l.contains("Paperboy is serving"), Duration.ofSeconds(120));
            assertThat(cli(source, "backup", backup.toString())).isZero();
            assertThat(out).contains("backed up ").contains(" and paperboy.properties to ");
        }
        assertThat(cli(copy, "restore", backup.toString())).as(out).isZero();
        assertThat(out).contains("restored ").contains("search index built");
        assertThat(Files.readString(copy.resolve("paperboy.properties")))
                .contains("search.model=none");

        assertThat(json(copy, "stats", "--json")).isEqualTo(json(source, "stats", "--json"));
        for (String query : List.of("graph neural networks", "diffusion models", "protein")) {
            // the same papers in the same order; BM25's scores differ in the last digits, since
            // the source's index holds deleted versions of updated papers in its statistics
            assertThat(ids(json(copy, "search", "--json", query)))
                    .as(query)
                    .isEqualTo(ids(json(source, "search", "--json", query)))
                    .isNotEmpty();
        }
        for (String table : COMMUNITY_TABLES) {
            assertThat(rows(copy, table)).as(table).isEqualTo(rows(source, table));
        }
        assertThat(rows(copy, "comments")).as("the test wrote some").isNotEmpty();
    }

    @Test
    void backupAndRestoreNeverOverwriteAndSayWhy() throws Exception {
        Path source = dir.resolve("source");
        assertThat(cli(source, "backup", dir.resolve("b").toString())).isEqualTo(2);
        assertThat(err).contains("there is no catalog in");

        assertThat(cli(source, "import", "--progress", "none", sample())).isZero();
        Path full = Files.createDirectories(dir.resolve("full"));
        Files.writeString(full.resolve("keep.txt"), "mine");
        assertThat(cli(source, "backup", full.toString())).isEqualTo(2);
        assertThat(err).contains("is not empty: a backup goes into a new or empty directory");
        assertThat(Files.readString(full.resolve("keep.txt"))).isEqualTo("mine");

        Path backup = dir.resolve("backup");
        assertThat(cli(source, "backup", backup.toString())).isZero();
        assertThat(cli(source, "restore", backup.toString())).isEqualTo(2);
        assertThat(err).contains("already holds a catalog").contains("nothing was changed");
        assertThat(cli(dir.resolve("x"), "restore", full.toString())).isEqualTo(2);
        assertThat(err).contains("is not a backup");

        assertThat(
                        Paperboy.run(
                                new PrintWriter(new StringWriter()),
                                new PrintWriter(errors()),
                                "--db-url",
                                "jdbc:postgresql://127.0.0.1:9/none",
                                "backup",
                                dir.resolve("pg").toString()))
                .isEqualTo(2);
        assertThat(errWriter.toString()).contains("back it up with pg_dump");
    }

    private String out = "";
    private String err = "";
    private StringWriter errWriter = new StringWriter();

    private StringWriter errors() {
        errWriter = new StringWriter();
        return errWriter;
    }

    private int cli(Path data, String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = errors();
        List<String> all = new ArrayList<>(List.of("--data-dir", data.toString()));
        all.addAll(List.of(args));
        int exit =
                Paperboy.run(
                        new PrintWriter(o, true),
                        new PrintWriter(e, true),
                        all.toArray(String[]::new));
        out = o.toString();
        err = e.toString();
        return exit;
    }

    private String json(Path data, String... args) {
        assertThat(cli(data, args)).as(err).isZero();
        return out;
    }

    private static List<String> ids(String json) {
        return java.util.regex.Pattern.compile("\"id\":\"([^\"]+)\"")
                .matcher(json)
                .results()
                .map(m -> m.group(1))
                .toList();
    }

    private static String sample() {
        return SharedData.arxivParts().getLast().toString();
    }

    /** A member, a curator, votes, comments (one hidden) and a featured paper. */
    private static void communityIn(Path data) {
        try (Instance instance = Instance.of(TestSettings.of(data, Map.of()))) {
            ArxivId paper = ArxivId.of(firstPaper(instance));
            long reader = instance.accounts().memberFor("reader@example.org").id();
            long curator =
                    instance.accounts().grant("curator@example.org", Role.CURATOR, "the test").id();
            instance.community().toggleUpvote(paper, reader);
            instance.community().toggleUpvote(paper, curator);
            instance.community().comment(paper, reader, "A first **comment**.");
            long hidden = instance.community().comment(paper, curator, "To be hidden.");
            instance.community().hideComment(hidden);
            instance.community().feature(paper, java.time.LocalDate.of(2026, 6, 30), false);
        }
    }

    private static String firstPaper(Instance instance) {
        try (Connection c = instance.database().dataSource().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT id FROM papers ORDER BY id LIMIT 1")) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> rows(Path data, String table) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Database db = Database.open(Database.embeddedUrl(data), null, null);
                Connection c = db.dataSource().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT * FROM " + table + " ORDER BY 1")) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.append(rs.getString(i)).append('|');
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
