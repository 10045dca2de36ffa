package paperboy.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import paperboy.common.Limit;
import paperboy.common.Tokens;

/**
 * A {@link Limit} that holds across every node on one catalog: each event is a row, and a node
 * locks the key's bucket row while it counts, so two nodes cannot both take the last place. The
 * bucket is a digest of the limit's name and the key: no address is stored. For the limits a
 * stranger could otherwise multiply by the number of nodes (mails to one address, posts by one
 * member); per-client limits stay in each node's memory.
 */
public final class SharedRateLimiter implements Limit {
    private final DataSource dataSource;
    private final String name;
    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final AtomicReference<@Nullable Instant> lastSweep = new AtomicReference<>();

    /**
     * @param name tells this limit's buckets from other limits' (e.g. "signin-address")
     */
    public SharedRateLimiter(
            DataSource dataSource, String name, int limit, Duration window, Clock clock) {
        this.dataSource = dataSource;
        this.name = name;
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    @Override
    public boolean tryAcquire(String key) {
        String bucket = bucket(key);
        Instant now = clock.instant();
        sweepOldEvents(now);
        try (Connection c = dataSource.getConnection()) {
            ensureBucket(c, bucket); // its own statement: a lost race must not spoil the count
            c.setAutoCommit(false);
            try {
                lock(c, bucket);
                if (recent(c, bucket, now) >= limit) {
                    c.commit();
                    return false;
                }
                try (PreparedStatement st =
                        c.prepareStatement("INSERT INTO limit_events (bucket, at) VALUES (?, ?)")) {
                    st.setString(1, bucket);
                    st.setTimestamp(2, Timestamp.from(now));
                    st.executeUpdate();
                }
                c.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new CatalogException("could not count " + name + " events", e);
        }
    }

    @Override
    public Duration retryAfter(String key) {
        String bucket = bucket(key);
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection();
                PreparedStatement st =
                        c.prepareStatement(
                                "SELECT COUNT(*), MIN(at) FROM limit_events WHERE bucket = ? AND"
                                        + " at > ?")) {
            st.setString(1, bucket);
            st.setTimestamp(2, Timestamp.from(now.minus(window)));
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                if (rs.getLong(1) < limit) {
                    return Duration.ZERO;
                }
                Duration wait = Duration.between(now, rs.getTimestamp(2).toInstant().plus(window));
                return wait.isNegative() ? Duration.ZERO : wait;
            }
        } catch (SQLException e) {
            throw new CatalogException("could not read " + name + " events", e);
        }
    }

    private String bucket(String key) {
        return Tokens.digest(name + "\u0000" + key);
    }

    private static void ensureBucket(Connection c, String bucket) throws SQLException {
        try (PreparedStatement st =
                c.prepareStatement(
                        "INSERT INTO limit_buckets (bucket) SELECT ? WHERE NOT EXISTS (SELECT 1"
                                + " FROM limit_buckets WHERE bucket = ?)")) {
            st.setString(1, bucket);
            st.setString(2, bucket);
            st.executeUpdate();
        } catch (SQLException e) {
            if (!Sql.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e; // else another node made it at the same moment: as good
            }
        }
    }

    private static void lock(Connection c, String bucket) throws SQLException {
        try (PreparedStatement st =
                c.prepareStatement(
                        "SELECT bucket FROM limit_buckets WHERE bucket = ? FOR UPDATE")) {
            st.setString(1, bucket);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
            }
        }
    }

    private long recent(Connection c, String bucket, Instant now) throws SQLException {
        try (PreparedStatement st =
                c.prepareStatement(
                        "SELECT COUNT(*) FROM limit_events WHERE bucket = ? AND at > ?")) {
            st.setString(1, bucket);
            st.setTimestamp(2, Timestamp.from(now.minus(window)));
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Events older than any window: at most once an hour per process. */
    private void sweepOldEvents(Instant now) {
        Instant last = lastSweep.get();
        if (last != null && now.isBefore(last.plus(Duration.ofHours(1)))) {
            return;
        }
        if (!lastSweep.compareAndSet(last, now)) {
            return;
        }
        Sql.update(
                dataSource,
                "forget old limit events",
                "DELETE FROM limit_events WHERE at < ?",
                Timestamp.from(now.minus(window.plus(Duration.ofDays(1)))));
    }
}
