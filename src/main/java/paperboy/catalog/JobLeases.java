package paperboy.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Leases on periodic jobs that one process of a catalog runs at a time, whatever the number of
 * nodes and CLIs on it. A claim is one conditional update (the same on H2 and PostgreSQL), so two
 * processes never both hold a job; the holder renews while it works and stops when a renewal finds
 * the lease taken; a holder killed with kill -9 leaves a lease that runs out, and the next claim
 * after that takes the job over. Thread-safe.
 *
 * <p>Why rows of our own and not db-scheduler: it was tried on both catalogs (three schedulers on
 * one table, no overlapping runs on H2 or PostgreSQL), but its dead-execution recovery restarts a
 * job whose heartbeats stopped without stopping the stalled one (at-least-once), while a harvest
 * must stop at its next page once its lease is gone; the job's own schedule (arXiv's clock,
 * back-off while arXiv is down) stays where it is tested.
 */
public final class JobLeases {
    private final DataSource dataSource;
    private final Clock clock;

    public JobLeases(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Who holds a job's lease and until when. */
    public record Holder(String owner, Instant until) {}

    /**
     * The owner's claim on the job {@code name} for {@code length}, or empty while another holds
     * it.
     */
    public Optional<Lease> claim(String name, String owner, Duration length) {
        ensureRow(name);
        Instant now = clock.instant();
        int claimed =
                Sql.update(
                        dataSource,
                        "claim the lease on " + name,
                        "UPDATE job_leases SET owner = ?, until = ? WHERE name = ? AND (owner IS"
                                + " NULL OR until < ? OR owner = ?)",
                        owner,
                        Timestamp.from(now.plus(length)),
                        name,
                        Timestamp.from(now),
                        owner);
        return claimed == 1 ? Optional.of(new Lease(name, owner, length, now)) : Optional.empty();
    }

    /** The current holder of a job's lease, if one holds it and it has not run out. */
    public Optional<Holder> holder(String name) {
        Optional<Row> row = read(name);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        String owner = row.get().owner();
        Instant until = row.get().until();
        return owner == null || until == null || until.isBefore(clock.instant())
                ? Optional.empty()
                : Optional.of(new Holder(owner, until));
    }

    /** When a holder last gave the lease up with the job done, by any process. */
    public Optional<Instant> lastCompleted(String name) {
        return read(name).map(row -> row.lastCompleted);
    }

    /** When the last completed run of the job was claimed (began), by any process. */
    public Optional<Instant> lastStarted(String name) {
        return read(name).map(row -> row.lastStarted);
    }

    /** A held lease: renew it while working, then {@link #complete} or {@link #close} it. */
    public final class Lease implements AutoCloseable {
        private final String name;
        private final String owner;
        private final Duration length;
        private final Instant claimedAt;
        private boolean open = true;

        private Lease(String name, String owner, Duration length, Instant claimedAt) {
            this.name = name;
            this.owner = owner;
            this.length = length;
            this.claimedAt = claimedAt;
        }

        /**
         * Extends the lease by its length from now.
         *
         * @throws LeaseLostException when it ran out and another process claimed the job
         */
        public void renew() {
            int renewed =
                    Sql.update(
                            dataSource,
                            "renew the lease on " + name,
                            "UPDATE job_leases SET until = ? WHERE name = ? AND owner = ?",
                            Timestamp.from(clock.instant().plus(length)),
                            name,
                            owner);
            if (renewed == 0) {
                open = false;
                throw new LeaseLostException(name, owner);
            }
        }

        /** Gives the lease up and notes the job as done now, begun when it was claimed. */
        public void complete() {
            release(", last_completed = ?, last_started = ?");
        }

        /** Gives the lease up without noting the job done (it failed or was stopped). */
        @Override
        public void close() {
            release("");
        }

        private void release(String alsoSet) {
            if (!open) {
                return;
            }
            open = false;
            String sql =
                    "UPDATE job_leases SET owner = NULL, until = NULL"
                            + alsoSet
                            + " WHERE name = ? AND owner = ?";
            if (alsoSet.isEmpty()) {
                Sql.update(dataSource, "give up the lease on " + name, sql, name, owner);
            } else {
                Sql.update(
                        dataSource,
                        "give up the lease on " + name,
                        sql,
                        Timestamp.from(clock.instant()),
                        Timestamp.from(claimedAt),
                        name,
                        owner);
            }
        }
    }

    /** A job's lease ran out while its holder worked, and another process claimed the job. */
    public static final class LeaseLostException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LeaseLostException(String name, String owner) {
            super(
                    "the lease on "
                            + name
                            + " held by "
                            + owner
                            + " ran out and another process took the job over");
        }
    }

    private record Row(
            @Nullable String owner,
            @Nullable Instant until,
            @Nullable Instant lastCompleted,
            @Nullable Instant lastStarted) {}

    private Optional<Row> read(String name) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st =
                        c.prepareStatement(
                                "SELECT owner, until, last_completed, last_started FROM"
                                        + " job_leases WHERE name = ?")) {
            st.setString(1, name);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(
                        new Row(
                                rs.getString(1),
                                instant(rs.getTimestamp(2)),
                                instant(rs.getTimestamp(3)),
                                instant(rs.getTimestamp(4))));
            }
        } catch (SQLException e) {
            throw new CatalogException("could not read the lease on " + name, e);
        }
    }

    private static @Nullable Instant instant(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private void ensureRow(String name) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st =
                        c.prepareStatement(
                                "INSERT INTO job_leases (name) SELECT ? WHERE NOT EXISTS (SELECT 1"
                                        + " FROM job_leases WHERE name = ?)")) {
            st.setString(1, name);
            st.setString(2, name);
            st.executeUpdate();
        } catch (SQLException e) {
            if (!Sql.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new CatalogException("could not make the lease row of " + name, e);
            } // else another process made it at the same moment: as good
        }
    }
}
