package paperboy.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Marks a paper as changed for the followers of the catalog (the search index) when something they
 * index about it changed outside the papers table: a curator hiding or showing it again.
 */
public final class Changes {
    private Changes() {}

    /** Gives {@code paper} the next change sequence value, in a transaction of its own. */
    public static void markChanged(DataSource dataSource, ArxivId paper) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                ChangeLock.acquire(c);
                try (PreparedStatement st =
                        c.prepareStatement(
                                "UPDATE papers SET change_seq = nextval('paper_change_seq')"
                                        + " WHERE id = ?")) {
                    st.setString(1, paper.withoutVersion().id());
                    st.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new CatalogException("could not mark " + paper + " as changed", e);
        }
    }
}
