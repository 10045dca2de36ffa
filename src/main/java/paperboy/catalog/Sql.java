package paperboy.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The one-statement writes the stores share: bind, execute, and fail with a message that says what.
 */
public final class Sql {
    /** SQLSTATE of a unique-key violation, on PostgreSQL and H2 alike. */
    public static final String UNIQUE_VIOLATION = "23505";

    private Sql() {}

    /**
     * Runs {@code sql} with {@code params} bound in order; returns the rows changed.
     *
     * @param what what failed, for the exception ("could not " + what)
     */
    public static int update(DataSource dataSource, String what, String sql, Object... params) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            return st.executeUpdate();
        } catch (SQLException e) {
            throw new CatalogException("could not " + what, e);
        }
    }
}
