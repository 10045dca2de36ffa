package paperboy.catalog;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.h2.engine.SysProperties;
import org.jspecify.annotations.Nullable;
import paperboy.common.OwnerOnly;
import paperboy.config.Settings;

/**
 * The catalog's connection pool, migrated to the current schema on open. Embedded H2 by default (a
 * file in the data dir), PostgreSQL when a JDBC URL is configured. Thread-safe; close it once.
 */
public final class Database implements AutoCloseable {
    /**
     * The address H2's auto-server listens on. H2 starts it with {@code -tcpAllowOthers} and,
     * unless the JVM-wide {@code h2.bindAddress} says otherwise, on every interface: any host that
     * could reach the port (and knew the key in the lock file) could use the catalog. Only
     * processes on this machine need it ({@code import} beside {@code serve}). H2 reads the
     * property once, when its settings class loads, so it is set before this class hands out an H2
     * URL.
     */
    static final String AUTO_SERVER_ADDRESS = "127.0.0.1";

    static {
        System.setProperty("h2.bindAddress", AUTO_SERVER_ADDRESS);
    }

    private final HikariDataSource pool;

    private Database(HikariDataSource pool) {
        this.pool = pool;
    }

    /**
     * The H2 URL of an embedded catalog in {@code dataDir}. PostgreSQL mode lets one set of SQL
     * (sequences, {@code nextval}) run on both databases. AUTO_SERVER lets a second process (an
     * {@code import} while {@code serve} runs) use the catalog through the first one instead of
     * failing on the file lock; it listens on loopback only ({@link #AUTO_SERVER_ADDRESS}).
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
     * The embedded catalog's directory and files are made readable by their owner only (they hold
     * the secrets of sign-in and digest links, and the lock file holds the auto-server's key).
     */
    public static Database open(Settings settings) {
        if (!settings.embeddedCatalog()) {
            return open(settings.dbUrl(), settings.dbUser(), settings.dbPassword());
        }
        OwnerOnly.directory(settings.dataDir());
        Path files = OwnerOnly.tree(settings.dataDir().resolve("catalog")); // and what is there
        Database database = open(embeddedUrl(settings.dataDir()), null, null);
        // H2 makes its lock file anew on each open (and the database file on the first), with the
        // umask's mode.
        OwnerOnly.file(files.resolve("paperboy.lock.db"));
        OwnerOnly.file(files.resolve("paperboy.mv.db"));
        return database;
    }

    /** Opens the pool and applies pending migrations. */
    public static Database open(String jdbcUrl, @Nullable String user, @Nullable String password) {
        if (jdbcUrl.startsWith("jdbc:h2:") && jdbcUrl.contains(";AUTO_SERVER=TRUE")) {
            checkAutoServerAddress();
        }
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
            Flyway flyway =
                    Flyway.configure()
                            .dataSource(pool)
                            .locations("classpath:db/migration")
                            .loggers("slf4j")
                            .load();
            refuseNewerSchema(flyway, jdbcUrl);
            flyway.migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new Database(pool);
    }

    /**
     * Refuses a catalog that a newer Paperboy migrated: this build would read and write tables it
     * does not know the shape of. Flyway on its own only logs a warning and goes on. Nothing is
     * changed: the check reads the schema history before any migration runs.
     */
    private static void refuseNewerSchema(Flyway flyway, String jdbcUrl) {
        MigrationInfo[] all = flyway.info().all();
        Optional<MigrationInfo> newest =
                Arrays.stream(all)
                        .filter(
                                m ->
                                        m.getState() == MigrationState.FUTURE_SUCCESS
                                                || m.getState() == MigrationState.FUTURE_FAILED)
                        .max(Comparator.comparing(MigrationInfo::getVersion));
        if (newest.isEmpty()) {
            return;
        }
        String known =
                Arrays.stream(all)
                        .filter(
                                m ->
                                        m.getState() != MigrationState.FUTURE_SUCCESS
                                                && m.getState() != MigrationState.FUTURE_FAILED
                                                && m.getVersion() != null)
                        .map(m -> m.getVersion().getVersion())
                        .reduce((a, b) -> b)
                        .orElse("none");
        throw new NewerCatalogException(
                "the catalog at "
                        + (jdbcUrl.startsWith("jdbc:h2:") ? "the data dir" : redacted(jdbcUrl))
                        + " was migrated by a newer Paperboy (schema version "
                        + newest.get().getVersion()
                        + ", \""
                        + newest.get().getDescription()
                        + "\"); this build knows schema versions up to "
                        + known
                        + ". Run that release or a newer one; nothing was changed");
    }

    /** Thrown when the catalog's schema is newer than this build's: see {@link #open}. */
    public static final class NewerCatalogException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        NewerCatalogException(String message) {
            super(message);
        }
    }

    private static String redacted(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query) + "?...";
    }

    /**
     * Refuses to start an auto-server that would listen on every interface: H2 was loaded before
     * this class could set its bind address (something else in the process used H2 first).
     */
    private static void checkAutoServerAddress() {
        if (!AUTO_SERVER_ADDRESS.equals(SysProperties.BIND_ADDRESS)) {
            throw new IllegalStateException(
                    "H2 was loaded with bind address "
                            + SysProperties.BIND_ADDRESS
                            + ", not "
                            + AUTO_SERVER_ADDRESS
                            + ": its auto-server would be reachable from other hosts. Start the"
                            + " JVM with -Dh2.bindAddress="
                            + AUTO_SERVER_ADDRESS);
        }
    }

    public DataSource dataSource() {
        return pool;
    }

    /**
     * Writes a consistent copy of the embedded catalog to {@code zip} (H2's online {@code BACKUP
     * TO}: readers and writers go on meanwhile, a {@code serve} included, through its auto-server).
     * The vectors are in the catalog; the index is not, it is rebuilt from the catalog.
     *
     * @throws IllegalStateException when the catalog is not embedded H2
     */
    public void backupEmbedded(Path zip) {
        try (Connection c = pool.getConnection()) {
            if (!c.getMetaData().getURL().startsWith("jdbc:h2:")) {
                throw new IllegalStateException("only an embedded catalog is backed up this way");
            }
            try (PreparedStatement st = c.prepareStatement("BACKUP TO ?")) {
                st.setString(1, zip.toAbsolutePath().toString());
                st.execute();
            }
        } catch (SQLException e) {
            throw new CatalogException("could not back the catalog up to " + zip, e);
        }
    }

    /**
     * Puts the catalog of a {@link #backupEmbedded} zip in {@code dataDir}, where {@link
     * #open(Settings)} finds it; {@code dataDir} must hold no catalog.
     */
    public static void restoreEmbedded(Path zip, Path dataDir) {
        Path catalog = OwnerOnly.directory(dataDir.resolve("catalog"));
        org.h2.tools.Restore.execute(zip.toAbsolutePath().toString(), catalog.toString(), null);
        OwnerOnly.tighten(dataDir);
    }

    /**
     * Reports the connection pool (connections active, idle, pending; wait and use times) to {@code
     * registry}, as {@code hikaricp_*} with {@code pool="catalog"}. At most once.
     */
    public void monitor(MeterRegistry registry) {
        pool.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
    }

    @Override
    public void close() {
        pool.close();
    }
}
