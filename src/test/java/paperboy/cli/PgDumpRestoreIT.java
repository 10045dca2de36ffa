package paperboy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import paperboy.Paperboy;
import paperboy.app.Instance;
import paperboy.catalog.ArxivId;
import paperboy.config.Setting;
import paperboy.testing.SharedData;
import paperboy.testing.TestDatabases;
import paperboy.testing.TestDatabases.PostgresDatabase;
import paperboy.testing.TestSettings;

/**
 * The README's PostgreSQL backup, followed as written: {@code pg_dump --format=custom} of a
 * catalog, {@code pg_restore} into an empty database, then Paperboy on it with an empty data dir
 * has the same stats, search results and community data (its index is built from the restored
 * catalog).
 */
class PgDumpRestoreIT {
    private static final Pattern SERVER =
            Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/([^?]+)\\?(?:.*&)?user=([^&]+).*");

    @TempDir Path dir;

    @Test
    void aPgDumpRestoredIntoAnEmptyDatabaseIsTheSameCatalog() throws Exception {
        try (PostgresDatabase source = TestDatabases.freshPostgresDatabase();
                PostgresDatabase restored = TestDatabases.freshPostgresDatabase()) {
            assertThat(
                            cli(
                                    source.url(),
                                    dir.resolve("a"),
                                    "import",
                                    "--progress",
                                    "none",
                                    SharedData.arxivParts().getLast().toString()))
                    .isZero();
            try (Instance instance =
                    Instance.of(
                            TestSettings.of(
                                    dir.resolve("a"), Map.of(Setting.DB_URL, source.url())))) {
                ArxivId paper = ArxivId.of("2606.17584");
                long reader = instance.accounts().memberFor("reader@example.org").id();
                instance.community().toggleUpvote(paper, reader);
                instance.community().comment(paper, reader, "Restored with the rest.");
            }

            Path dump = dir.resolve("paperboy.dump");
            pg("pg_dump", source.url(), "--format=custom", "--file=" + dump, name(source.url()));
            pg("pg_restore", restored.url(), "--dbname=" + name(restored.url()), dump.toString());

            // another data dir: the index is built from the restored catalog
            Path b = dir.resolve("b");
            assertThat(json(restored.url(), b, "stats", "--json"))
                    .isEqualTo(json(source.url(), dir.resolve("a"), "stats", "--json"));
            assertThat(json(restored.url(), b, "search", "--json", "graph neural networks"))
                    .isEqualTo(
                            json(
                                    source.url(),
                                    dir.resolve("a"),
                                    "search",
                                    "--json",
                                    "graph neural networks"))
                    .contains("\"id\"");
            for (String table : List.of("members", "upvotes", "comments", "catalog_identity")) {
                assertThat(rows(restored.url(), table))
                        .as(table)
                        .isEqualTo(rows(source.url(), table))
                        .isNotEmpty();
            }
        }
    }

    private String json(String url, Path data, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--data-dir", data.toString(), "--db-url", url));
        all.addAll(List.of(args));
        int exit =
                Paperboy.run(
                        new PrintWriter(out, true),
                        new PrintWriter(err, true),
                        all.toArray(String[]::new));
        assertThat(exit).as(err.toString()).isZero();
        return out.toString();
    }

    private int cli(String url, Path data, String... args) {
        List<String> all = new ArrayList<>(List.of("--data-dir", data.toString(), "--db-url", url));
        all.addAll(List.of(args));
        StringWriter err = new StringWriter();
        int exit =
                Paperboy.run(
                        new PrintWriter(new StringWriter()),
                        new PrintWriter(err, true),
                        all.toArray(String[]::new));
        assertThat(err.toString()).doesNotContain("paperboy: ");
        return exit;
    }

    private static String name(String url) {
        return server(url).group(3);
    }

    private static Matcher server(String url) {
        Matcher m = SERVER.matcher(url);
        assertThat(m.matches())
                .as("a test PostgreSQL URL with host, port and user: %s", url)
                .isTrue();
        return m;
    }

    /** Runs PostgreSQL's own {@code tool} against the server of {@code url}. */
    private static void pg(String tool, String url, String... args) throws Exception {
        Matcher m = server(url);
        List<String> command =
                new ArrayList<>(
                        List.of(
                                binary(tool),
                                "--host=" + m.group(1),
                                "--port=" + m.group(2),
                                "--username=" + m.group(4),
                                "--no-password"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("%s: %s", command, output).isZero();
    }

    /** The newest installed version's binary (Debian keeps them per version). */
    private static String binary(String tool) throws Exception {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin").resolve(tool))
                    .filter(Files::isExecutable)
                    .max(Comparator.comparing(Path::toString))
                    .orElseThrow(() -> new AssertionError(tool + " is not installed"))
                    .toString();
        }
    }

    private static List<String> rows(String url, String table) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url);
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
