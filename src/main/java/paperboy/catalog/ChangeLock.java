package paperboy.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Serialises the transactions that take change sequence values. Without it, a transaction that took
 * value 100 could commit after one that took 101, and a follower that already read up to 101 would
 * never see 100. Held until the caller's transaction ends.
 */
final class ChangeLock {
    private ChangeLock() {}

    /**
     * Call first thing in a transaction (auto-commit off) that will call {@code
     * nextval('paper_change_seq')}.
     */
    static void acquire(Connection c) throws SQLException {
        try (PreparedStatement st =
                        c.prepareStatement("SELECT id FROM change_lock WHERE id = 1 FOR UPDATE");
                ResultSet rs = st.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("change_lock has no row: the catalog schema is incomplete");
            }
        }
    }
}
