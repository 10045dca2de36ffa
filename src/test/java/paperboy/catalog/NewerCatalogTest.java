package paperboy.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import paperboy.Paperboy;
import paperboy.testing.TestDatabases;

/**
 * An older Paperboy refuses a catalog that a newer one migrated (issue 15, part 4), with a message
 * that says what to do, and changes nothing in it. The newer release is faked by a row of a future
 * schema version in Flyway's history.
 */
class NewerCatalogTest {
    @TempDir Path dir;

    @ParameterizedTest
    @MethodSource("paperboy.testing.TestDatabases#kinds")
    void aCatalogMigratedByANewerReleaseIsRefusedAndLeftAsItWas(String kind) throws Exception {
        String url = TestDatabases.url(kind, dir);
        List<String> history;
        try (Database db = Database.open(url, null, null)) {
            addFutureMigration(db);
            history = history(db);
        }
        assertThatThrownBy(() -> Database.open(url, null, null).close())
                .isInstanceOf(Database.NewerCatalogException.class)
                .hasMessageContaining("was migrated by a newer Paperboy (schema version 999,")
                .hasMessageContaining("\"from the future\"")
                .hasMessageContaining(
                        "this build knows schema versions up to "
                                + TestDatabases.latestMigration()
                                + ".")
                .hasMessageContaining("Run that release or a newer one; nothing was changed");
        try (Connection c = java.sql.DriverManager.getConnection(url)) {
            assertThat(history(c)).as("Flyway's history, untouched").isEqualTo(history);
        }
    }

    @Test
    void theCommandLineSaysSoInOneLine() throws Exception {
        try (Database db = Database.open(Database.embeddedUrl(dir), null, null)) {
            addFutureMigration(db);
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit =
                Paperboy.run(
                        new PrintWriter(out, true),
                        new PrintWriter(err, true),
                        "--data-dir",
                        dir.toString(),
                        "stats");
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString())
                .startsWith(
                        "paperboy: the catalog at the data dir was migrated by a newer Paperboy")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    private static void addFutureMigration(Database db) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
                Statement st = c.createStatement()) {
            st.executeUpdate(
                    "INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\","
                            + " \"description\", \"type\", \"script\", \"checksum\","
                            + " \"installed_by\", \"execution_time\", \"success\") VALUES (100,"
                            + " '999', 'from the future', 'SQL', 'V999__from_the_future.sql', 0,"
                            + " 'a newer paperboy', 1, TRUE)");
        }
    }

    private static List<String> history(Database db) throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            return history(c);
        }
    }

    private static List<String> history(Connection c) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery(
                                "SELECT \"installed_rank\", \"version\", \"success\" FROM"
                                        + " \"flyway_schema_history\" ORDER BY 1")) {
            while (rs.next()) {
                rows.add(rs.getInt(1) + " " + rs.getString(2) + " " + rs.getBoolean(3));
            }
        }
        return rows;
    }
}
