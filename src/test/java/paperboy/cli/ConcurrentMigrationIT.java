package paperboy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import paperboy.testing.PaperboyProcess;
import paperboy.testing.TestDatabases;
import paperboy.testing.TestDatabases.PostgresDatabase;

/**
 * Two nodes of a new release started at once on one PostgreSQL (issue 15, upgrades): one runs the
 * migrations while the other waits on Flyway's lock, and both start; every migration is applied
 * exactly once.
 */
class ConcurrentMigrationIT {
    @TempDir Path dir;

    @Test
    void twoProcessesMigratingOneEmptyCatalogAtOnceBothStartAndMigrateOnce() throws Exception {
        try (PostgresDatabase db = TestDatabases.freshPostgresDatabase()) {
            List<PaperboyProcess> nodes = new ArrayList<>();
            try {
                for (String node : List.of("a", "b")) {
                    nodes.add(
                            PaperboyProcess.start(
                                    Map.of(),
                                    "--db-url",
                                    db.url(),
                                    "--data-dir",
                                    dir.resolve(node).toString(),
                                    "stats"));
                }
                for (PaperboyProcess node : nodes) {
                    assertThat(node.awaitExit(Duration.ofSeconds(120))).as(node.output()).isZero();
                    assertThat(node.output()).contains("The catalog is empty");
                }
            } finally {
                nodes.forEach(PaperboyProcess::close);
            }
            List<String> history = new ArrayList<>();
            try (Connection c = DriverManager.getConnection(db.url());
                    Statement st = c.createStatement();
                    ResultSet rs =
                            st.executeQuery(
                                    "SELECT version, success FROM flyway_schema_history WHERE"
                                            + " version IS NOT NULL ORDER BY installed_rank")) {
                while (rs.next()) {
                    history.add(rs.getString(1) + " " + rs.getBoolean(2));
                }
            }
            List<String> expected = new ArrayList<>();
            for (int v = 1; v <= TestDatabases.latestMigration(); v++) {
                expected.add(v + " true");
            }
            assertThat(history).isEqualTo(expected);
        }
    }
}
