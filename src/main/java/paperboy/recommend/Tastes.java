package paperboy.recommend;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import javax.sql.DataSource;
import paperboy.catalog.ArxivId;
import paperboy.catalog.CatalogException;
import paperboy.catalog.Sql;

/**
 * What each member likes (their library: saved and imported papers, and their upvotes) and what
 * they said is not for them (table {@code not_for_me}, the thumbs down on a recommendation). Reads
 * the library's and the community's tables as they are: recommendations follow them, never write
 * them. Thread-safe.
 */
public final class Tastes {
    /**
     * Liked papers a recommendation learns from, newest first: a library of thousands still answers
     * within a page load, and recent saves say most about what a member reads now.
     */
    static final int MAX_LIKED = 500;

    /** Papers said no to that a recommendation learns from, newest first. */
    static final int MAX_DISLIKED = 500;

    private final DataSource dataSource;
    private final Clock clock;

    public Tastes(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** The member's taste now: liked papers newest first, and those said no to. */
    public Taste of(long memberId) {
        try (Connection c = dataSource.getConnection()) {
            Map<String, Taste.Liked> liked = new LinkedHashMap<>();
            read(
                    c,
                    "SELECT paper_id, source FROM library_papers WHERE member_id = ?"
                            + " ORDER BY saved_at DESC, paper_id LIMIT "
                            + MAX_LIKED,
                    memberId,
                    rs ->
                            liked.putIfAbsent(
                                    rs.getString(1),
                                    new Taste.Liked(rs.getString(1), Taste.Source.LIBRARY)));
            read(
                    c,
                    "SELECT paper_id FROM upvotes WHERE member_id = ?"
                            + " ORDER BY created_at DESC, paper_id LIMIT "
                            + MAX_LIKED,
                    memberId,
                    rs ->
                            liked.putIfAbsent(
                                    rs.getString(1),
                                    new Taste.Liked(rs.getString(1), Taste.Source.UPVOTED)));
            Set<String> disliked = new LinkedHashSet<>();
            read(
                    c,
                    "SELECT paper_id FROM not_for_me WHERE member_id = ?"
                            + " ORDER BY said_at DESC, paper_id LIMIT "
                            + MAX_DISLIKED,
                    memberId,
                    rs -> disliked.add(rs.getString(1)));
            List<Taste.Liked> likedList = new ArrayList<>(liked.values());
            likedList.removeIf(l -> disliked.contains(l.paperId()));
            return new Taste(likedList.subList(0, Math.min(MAX_LIKED, likedList.size())), disliked);
        } catch (SQLException e) {
            throw new CatalogException("could not read the taste of member " + memberId, e);
        }
    }

    /** The member whose sign-in address is {@code email} (lower-cased, as both tables keep it). */
    public OptionalLong memberWithEmail(String email) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st =
                        c.prepareStatement("SELECT id FROM members WHERE email = ?")) {
            st.setString(1, email);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        } catch (SQLException e) {
            throw new CatalogException("could not look up a member by address", e);
        }
    }

    /** Records the member's thumbs down on the paper; false when they had said so already. */
    public boolean notForMe(long memberId, ArxivId paper) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st =
                        c.prepareStatement(
                                "INSERT INTO not_for_me (member_id, paper_id, said_at)"
                                        + " VALUES (?, ?, ?)")) {
            st.setLong(1, memberId);
            st.setString(2, paper.withoutVersion().id());
            st.setTimestamp(3, Timestamp.from(clock.instant()));
            st.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (Sql.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw new CatalogException("could not record a thumbs down", e);
        }
    }

    /** Takes the member's thumbs down on the paper back; false when there was none. */
    public boolean undo(long memberId, ArxivId paper) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st =
                        c.prepareStatement(
                                "DELETE FROM not_for_me WHERE member_id = ? AND paper_id = ?")) {
            st.setLong(1, memberId);
            st.setString(2, paper.withoutVersion().id());
            return st.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new CatalogException("could not take a thumbs down back", e);
        }
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private static void read(Connection c, String sql, long memberId, RowReader reader)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setLong(1, memberId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        }
    }
}
