package paperboy.recommend;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
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

    /**
     * The member's taste now: the newest {@value #MAX_LIKED} of their saved, imported and upvoted
     * papers together, and the newest {@value #MAX_DISLIKED} they said no to. A paper both liked
     * and said no to counts as what the member did last (saving a paper after a thumbs down on it
     * takes the thumbs down back, and the other way round).
     */
    public Taste of(long memberId) {
        try (Connection c = dataSource.getConnection()) {
            List<Dated> liked = new ArrayList<>();
            read(
                    c,
                    "SELECT paper_id, saved_at FROM library_papers WHERE member_id = ?"
                            + " ORDER BY saved_at DESC, paper_id LIMIT "
                            + MAX_LIKED,
                    memberId,
                    rs ->
                            liked.add(
                                    new Dated(
                                            rs.getString(1),
                                            rs.getTimestamp(2).toInstant(),
                                            Taste.Source.LIBRARY)));
            read(
                    c,
                    "SELECT paper_id, created_at FROM upvotes WHERE member_id = ?"
                            + " ORDER BY created_at DESC, paper_id LIMIT "
                            + MAX_LIKED,
                    memberId,
                    rs ->
                            liked.add(
                                    new Dated(
                                            rs.getString(1),
                                            rs.getTimestamp(2).toInstant(),
                                            Taste.Source.UPVOTED)));
            Map<String, Instant> disliked = new LinkedHashMap<>();
            read(
                    c,
                    "SELECT paper_id, said_at FROM not_for_me WHERE member_id = ?"
                            + " ORDER BY said_at DESC, paper_id LIMIT "
                            + MAX_DISLIKED,
                    memberId,
                    rs -> disliked.put(rs.getString(1), rs.getTimestamp(2).toInstant()));
            // newest first; a paper saved and upvoted counts once, as the newer of the two
            liked.sort(
                    Comparator.comparing(Dated::at)
                            .reversed()
                            .thenComparing(Dated::source)
                            .thenComparing(Dated::paperId));
            Map<String, Taste.Liked> likes = new LinkedHashMap<>();
            for (Dated d : liked) {
                Instant no = disliked.get(d.paperId());
                if (no != null && no.isAfter(d.at())) {
                    continue; // said no to since
                }
                disliked.remove(d.paperId());
                if (likes.size() < MAX_LIKED) {
                    likes.putIfAbsent(d.paperId(), new Taste.Liked(d.paperId(), d.source()));
                }
            }
            return new Taste(List.copyOf(likes.values()), disliked.keySet());
        } catch (SQLException e) {
            throw new CatalogException("could not read the taste of member " + memberId, e);
        }
    }

    /** A liked paper and when it was liked. */
    private record Dated(String paperId, Instant at, Taste.Source source) {}

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
