package paperboy.catalog;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;

/** Harvest checkpoints in SQL, so a killed harvest resumes where it stopped. Thread-safe. */
public final class HarvestCheckpoints {
    private final DataSource dataSource;

    public HarvestCheckpoints(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public HarvestCheckpoint load(String name) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st =
                        c.prepareStatement(
                                "SELECT completed_until, run_from, resumption_token"
                                        + " FROM harvest_checkpoints WHERE name = ?")) {
            st.setString(1, name);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return HarvestCheckpoint.fresh(name);
                }
                return new HarvestCheckpoint(
                        name,
                        IdLookup.localDate(rs.getDate(1)),
                        IdLookup.localDate(rs.getDate(2)),
                        rs.getString(3));
            }
        } catch (SQLException e) {
            throw new CatalogException("could not read harvest checkpoint " + name, e);
        }
    }

    public void save(HarvestCheckpoint checkpoint) {
        try {
            saveOnce(checkpoint);
        } catch (SQLException e) {
            if (!Sql.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new CatalogException(
                        "could not save harvest checkpoint " + checkpoint.name(), e);
            }
            try {
                saveOnce(checkpoint); // another process inserted the name first: now the update
                // finds it
            } catch (SQLException again) {
                throw new CatalogException(
                        "could not save harvest checkpoint " + checkpoint.name(), again);
            }
        }
    }

    private void saveOnce(HarvestCheckpoint checkpoint) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int updated;
                try (PreparedStatement st =
                        c.prepareStatement(
                                "UPDATE harvest_checkpoints SET completed_until = ?, run_from = ?,"
                                        + " resumption_token = ?, updated_at = ? WHERE name = ?")) {
                    bind(st, checkpoint);
                    updated = st.executeUpdate();
                }
                if (updated == 0) {
                    try (PreparedStatement st =
                            c.prepareStatement(
                                    "INSERT INTO harvest_checkpoints (completed_until, run_from,"
                                        + " resumption_token, updated_at, name) VALUES (?, ?, ?, ?,"
                                        + " ?)")) {
                        bind(st, checkpoint);
                        st.executeUpdate();
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static void bind(PreparedStatement st, HarvestCheckpoint cp) throws SQLException {
        st.setDate(1, cp.completedUntil() == null ? null : Date.valueOf(cp.completedUntil()));
        st.setDate(2, cp.runFrom() == null ? null : Date.valueOf(cp.runFrom()));
        st.setString(3, cp.resumptionToken());
        st.setTimestamp(4, Timestamp.from(Instant.now()));
        st.setString(5, cp.name());
    }
}
