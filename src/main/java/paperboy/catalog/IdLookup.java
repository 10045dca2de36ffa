package paperboy.catalog;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads rows for many ids with {@code IN} lists of at most {@value #CHUNK} ids. Small lists on
 * purpose: H2 checks each candidate row against the whole list, so one list of 1,000 ids costs a
 * million comparisons. Stateless.
 */
final class IdLookup {
    static final int CHUNK = 100;

    /** Receives each row found. */
    @FunctionalInterface
    interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    private IdLookup() {}

    /**
     * Runs {@code sqlEndingInIn} (e.g. {@code "SELECT ... WHERE model = ? AND paper_id IN"}) once
     * per chunk of {@code ids}, binding {@code leading} parameters first.
     */
    static void forEachRow(
            Connection c,
            String sqlEndingInIn,
            List<String> leading,
            List<String> ids,
            RowReader reader)
            throws SQLException {
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            String sql = sqlEndingInIn + " (" + "?,".repeat(chunk.size() - 1) + "?)";
            try (PreparedStatement st = c.prepareStatement(sql)) {
                int i = 1;
                for (String p : leading) {
                    st.setString(i++, p);
                }
                for (String id : chunk) {
                    st.setString(i++, id);
                }
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        reader.read(rs);
                    }
                }
            }
        }
    }

    /** A nullable SQL date as a {@link LocalDate}. */
    static @Nullable LocalDate localDate(@Nullable Date date) {
        return date == null ? null : date.toLocalDate();
    }
}
