package paperboy.catalog;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import paperboy.config.Settings;

/**
 * The catalog's connection pool, migrated to the current schema on open. Embedded H2 by default (a
 * file in the data dir), PostgreSQL when a JDBC URL is configured. Thread-safe; close it once.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource pool;

    private Database(HikariDataSource pool) {
        this.pool = pool;
    }

    /**
     * The H2 URL of an embedded catalog in {@code dataDir}. PostgreSQL mode lets one set of SQL
     * (sequences, {@code nextval}) run on both databases. AUTO_SERVER lets a second process (an
     * {@code import} while {@code serve} runs) use the catalog through the first one instead of
     * failing on the file lock.
     */
    public static String embeddedUrl(Path dataDir) {
        Path file = dataDir.toAbsolutePath().resolve("catalog").resolve("paperboy");
        return "jdbc:h2:file:"
                + file
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE"
                + ";LOCK_TIMEOUT=30000"; // writers queue on the change lock; H2's default 1 s is
        // too short for an import batch
    }

    /**
     * Opens the configured catalog: PostgreSQL when {@code db.url} is set, else H2 in the data dir.
     */
    public static Database open(Settings settings) {
        if (!settings.embeddedCatalog()) {
            return open(settings.dbUrl(), settings.dbUser(), settings.dbPassword());
        }
        try {
            Files.createDirectories(settings.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot create data dir " + settings.dataDir() + ": " + e.getMessage(), e);
        }
        return open(embeddedUrl(settings.dataDir()), null, null);
    }

    /** Opens the pool and applies pending migrations. */
    public static Database open(String jdbcUrl, @Nullable String user, @Nullable String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(1);
        config.setPoolName("catalog");
        config.setAutoCommit(true);
        HikariDataSource pool = new HikariDataSource(config);
        try {
            Flyway.configure()
                    .dataSource(pool)
                    .locations("classpath:db/migration")
                    .loggers("slf4j")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new Database(pool);
    }

    public DataSource dataSource() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
    }
}
