package paperboy.library;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import paperboy.catalog.ArxivId;
import paperboy.catalog.CatalogException;
import paperboy.catalog.Sql;

/** The members' libraries (table {@code library_papers}). Thread-safe. */
public final class LibraryStore {
    /** The source of a paper saved from a card or a paper page. */
    public static final String SAVED = "saved";

    private final DataSource dataSource;
    private final Clock clock;

    public LibraryStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Saves the paper to the member's library, or takes it out; returns whether it is in now. */
    public boolean toggle(ArxivId paper, long memberId) {
        String id = paper.withoutVersion().id();
        try (Connection c = dataSource.getConnection();
                PreparedStatement del =
                        c.prepareStatement(
                                "DELETE FROM library_papers WHERE member_id = ? AND paper_id ="
                                        + " ?")) {
            del.setLong(1, memberId);
            del.setString(2, id);
            if (del.executeUpdate() > 0) {
                return false;
            }
            insert(c, memberId, id, SAVED);
            return true;
        } catch (SQLException e) {
            if (Sql.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return true; // a second click at the same moment saved it first: saved, once
            }
            throw new CatalogException(
                    "could not save or unsave " + id + " for member " + memberId, e);
        }
    }

    /** Adds one paper; false when it was in the library already (it keeps its date and source). */
    public boolean add(ArxivId paper, long memberId, String source) {
        try (Connection c = dataSource.getConnection()) {
            insert(c, memberId, paper.withoutVersion().id(), source);
            return true;
        } catch (SQLException e) {
            if (Sql.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw new CatalogException("could not add a paper to member " + memberId, e);
        }
    }

    /**
     * Adds papers to the member's library; those already in it keep their date and source.
     *
     * @return the papers that were not in it before
     */
    public List<String> addAll(long memberId, Collection<String> paperIds, String source) {
        Set<String> had = new HashSet<>(papers(memberId));
        List<String> added = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            for (String id : new LinkedHashSet<>(paperIds)) {
                if (had.contains(id)) {
                    continue;
                }
                try {
                    insert(c, memberId, id, source);
                    added.add(id);
                } catch (SQLException e) {
                    if (!Sql.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                        throw e; // a unique violation: saved meanwhile, from another tab
                    }
                }
            }
            return added;
        } catch (SQLException e) {
            throw new CatalogException("could not add papers to member " + memberId, e);
        }
    }

    private void insert(Connection c, long memberId, String paperId, String source)
            throws SQLException {
        try (PreparedStatement st =
                c.prepareStatement(
                        "INSERT INTO library_papers (member_id, paper_id, saved_at, source) VALUES"
                                + " (?, ?, ?, ?)")) {
            st.setLong(1, memberId);
            st.setString(2, paperId);
            st.setTimestamp(3, Timestamp.from(clock.instant()));
            st.setString(4, source);
            st.executeUpdate();
        }
    }

    /** A paper in a library: when it came and from where ({@link #SAVED}, or a format's source). */
    public record Entry(String paperId, Instant savedAt, String source) {}

    /** The ids of the papers in the member's library, newest first. */
    public List<String> papers(long memberId) {
        return entries(memberId).stream().map(Entry::paperId).toList();
    }

    /** The member's library, newest first. */
    public List<Entry> entries(long memberId) {
        List<Entry> entries = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement st =
                        c.prepareStatement(
                                "SELECT paper_id, saved_at, source FROM library_papers WHERE"
                                        + " member_id = ? ORDER BY saved_at DESC, paper_id")) {
            st.setLong(1, memberId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    entries.add(
                            new Entry(
                                    rs.getString(1),
                                    rs.getTimestamp(2).toInstant(),
                                    rs.getString(3)));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new CatalogException("could not read the library of member " + memberId, e);
        }
    }

    /** Takes the paper out of the member's library; false when it was not in it. */
    public boolean remove(ArxivId paper, long memberId) {
        return Sql.update(
                        dataSource,
                        "remove a paper from a library",
                        "DELETE FROM library_papers WHERE member_id = ? AND paper_id = ?",
                        memberId,
                        paper.withoutVersion().id())
                > 0;
    }
}
