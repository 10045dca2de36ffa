package paperboy.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import paperboy.catalog.Database;

/**
 * The two catalogs every SQL test runs on: embedded H2 in a temp dir, and a real PostgreSQL whose
 * URL {@code ./run-tests} (and CI) put in {@code PAPERBOY_TEST_PG_URL}. Each PostgreSQL catalog
 * lives in a fresh schema, so tests never see each other's rows.
 */
public final class TestDatabases {
    public static final String PG_ENV = "PAPERBOY_TEST_PG_URL";

    private TestDatabases() {}

    /**
     * Names for parameterized tests: {@code "h2"} and {@code "postgresql"}. A test runs on both
     * with {@code @ParameterizedTest @MethodSource("paperboy.testing.TestDatabases#kinds")}.
     */
    public static Stream<String> kinds() {
        return Stream.of("h2", "postgresql");
    }

    /** The newest schema version this build migrates to: its highest {@code V<n>__*.sql}. */
    public static int latestMigration() {
        try (java.util.stream.Stream<java.nio.file.Path> files =
                java.nio.file.Files.list(
                        java.nio.file.Path.of("src/main/resources/db/migration"))) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))
                    .max()
                    .orElseThrow();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A new, empty catalog of that kind, migrated. */
    public static Database open(String kind, Path tempDir) {
        return Database.open(url(kind, tempDir), null, null);
    }

    /**
     * The JDBC URL of a new, empty catalog of that kind: H2 in {@code tempDir} (where {@code
     * paperboy --data-dir tempDir} finds it), or a fresh PostgreSQL schema.
     */
    public static String url(String kind, Path tempDir) {
        return switch (kind) {
            case "h2" -> Database.embeddedUrl(tempDir);
            case "postgresql" -> freshPostgresSchemaUrl();
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /** A JDBC URL whose default schema is new and empty. */
    public static String freshPostgresSchemaUrl() {
        String base = postgresUrl();
        String schema = "t_" + randomName();
        try (Connection c = DriverManager.getConnection(base);
                Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot reach the test PostgreSQL at " + base + ": " + e.getMessage(), e);
        }
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /**
     * A new, empty PostgreSQL database on the test server (another catalog altogether, not just
     * another schema), dropped on close.
     */
    public static PostgresDatabase freshPostgresDatabase() {
        String base = postgresUrl();
        String name = "paperboy_" + randomName();
        try (Connection c = DriverManager.getConnection(base);
                Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot create a database on the test PostgreSQL at "
                            + base
                            + ": "
                            + e.getMessage(),
                    e);
        }
        // jdbc:postgresql://host:port/DB?params: the same server and parameters, another database
        String url = base.replaceFirst("^(jdbc:postgresql://[^/?]*)/[^?]*", "$1/" + name);
        return new PostgresDatabase(base, name, url);
    }

    /** A database of the test server, dropped (with any open connection) on close. */
    public record PostgresDatabase(String serverUrl, String name, String url)
            implements AutoCloseable {
        @Override
        public void close() {
            try (Connection c = DriverManager.getConnection(serverUrl);
                    Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot drop test database " + name, e);
            }
        }
    }

    /** The test server's URL, from {@link #PG_ENV}. */
    private static String postgresUrl() {
        String base = System.getenv(PG_ENV);
        if (base == null || base.isBlank()) {
            throw new IllegalStateException(
                    PG_ENV
                            + " is not set: the catalog tests need a real PostgreSQL."
                            + " Run ./run-tests, which starts a throwaway cluster, or point "
                            + PG_ENV
                            + " at one (e.g."
                            + " jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres)");
        }
        return base;
    }

    private static String randomName() {
        return UUID.randomUUID()
                .toString()
                .replace("-", "")
                .substring(0, 16)
                .toLowerCase(Locale.ROOT);
    }
}
