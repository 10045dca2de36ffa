package paperboy.community;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import paperboy.catalog.ArxivId;
import paperboy.catalog.CatalogException;
import paperboy.catalog.Changes;
import paperboy.catalog.Sql;

/**
 * Writes of the community tables: members, feed entries (submissions, featuring, hiding), upvotes
 * and comments. Authorization is the caller's: this class only keeps the rows consistent (one
 * submission per paper, one upvote per member and paper). Comments come back rendered, through one
 * {@link Markdown} that keeps its renderings, so a page view does not parse them again.
 * Thread-safe.
 */
public final class CommunityStore {
    /** Comments and submissions per member per {@link #POST_WINDOW}, on every node together. */
    public static final int POSTS_PER_WINDOW = 10;

    /** The window of the members' rate limits. */
    public static final Duration POST_WINDOW = Duration.ofMinutes(10);

    private final DataSource dataSource;
    private final Clock clock;
    private final Markdown markdown = new Markdown();

    /** With the system clock for the times it records. */
    public CommunityStore(DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    /**
     * @param clock the clock of the times it records (when a member joined, voted, commented)
     */
    public CommunityStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** The member with this email, created with {@code name} when new; returns the member's id. */
    public long member(String email, String name) {
        String normalised = email.strip().toLowerCase(Locale.ROOT);
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement st =
                    c.prepareStatement("SELECT id FROM members WHERE email = ?")) {
                st.setString(1, normalised);
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next()) {
                        return rs.getLong(1);
                    }
                }
            }
            try (PreparedStatement st =
                    c.prepareStatement(
                            "INSERT INTO members (email, name, name_key, created_at) VALUES (?,"
                                    + " ?, ?, ?)",
                            Statement.RETURN_GENERATED_KEYS)) {
                st.setString(1, normalised);
                st.setString(2, name);
                st.setString(3, DisplayNames.key(name));
                st.setTimestamp(4, Timestamp.from(clock.instant()));
                st.executeUpdate();
                try (ResultSet keys = st.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        } catch (SQLException e) {
            throw new CatalogException("could not save member " + normalised, e);
        }
    }

    /**
     * Puts {@code paper} on {@code day}'s feed as submitted by {@code memberId}.
     *
     * @return false when the paper was already submitted or featured (nothing changes)
     */
    public boolean submit(ArxivId paper, LocalDate day, long memberId) {
        return insertEntry(paper, day, memberId, false);
    }

    /**
     * Features {@code paper} (a curator's choice), shown again if it was hidden: on {@code day}'s
     * feed when it is on none yet; moved to {@code day} too when {@code move} (a curator picking
     * the day), else it stays on the day it was submitted. True when something changed.
     */
    public boolean feature(ArxivId paper, LocalDate day, boolean move) {
        return listingChanged(paper, featureEntry(paper, day, move));
    }

    private boolean featureEntry(ArxivId paper, LocalDate day, boolean move) {
        if (insertEntry(paper, day, null, true)) {
            return true;
        }
        if (move) {
            return Sql.update(
                            dataSource,
                            "change the feed entry of " + paper,
                            "UPDATE feed_entries SET featured = TRUE,"
                                    + " hidden = FALSE, feed_day = ? WHERE paper_id = ?",
                            Date.valueOf(day),
                            paper.withoutVersion().id())
                    > 0;
        }
        return changeEntry(
                        "UPDATE feed_entries SET featured = TRUE, hidden = FALSE WHERE paper_id = ?"
                                + " AND (featured = FALSE OR hidden = TRUE)",
                        paper)
                > 0;
    }

    /** Shows a hidden paper again, where it was; true when it changed. */
    public boolean unhide(ArxivId paper) {
        return listingChanged(paper, unhideEntry(paper));
    }

    private boolean unhideEntry(ArxivId paper) {
        return changeEntry(
                        "UPDATE feed_entries SET hidden = FALSE WHERE paper_id = ? AND hidden ="
                                + " TRUE",
                        paper)
                > 0;
    }

    /** Keeps {@code paper} off every list; true when it changed. */
    public boolean hide(ArxivId paper, LocalDate day) {
        return listingChanged(paper, hideEntry(paper, day));
    }

    /**
     * Whether a paper is hidden is part of what search indexes (a hidden paper is in no result), so
     * a change to it is a change of the paper for the index to follow. (In a transaction of its
     * own: a crash in between leaves the index behind on this one paper until its next change.)
     */
    private boolean listingChanged(ArxivId paper, boolean changed) {
        if (changed) {
            Changes.markChanged(dataSource, paper);
        }
        return changed;
    }

    private boolean hideEntry(ArxivId paper, LocalDate day) {
        if (insertEntryHidden(paper, day)) {
            return true;
        }
        return changeEntry(
                        "UPDATE feed_entries SET hidden = TRUE WHERE paper_id = ? AND hidden ="
                                + " FALSE",
                        paper)
                > 0;
    }

    /** Adds the member's upvote, or takes it back; returns whether the member now upvotes it. */
    public boolean toggleUpvote(ArxivId paper, long memberId) {
        String id = paper.withoutVersion().id();
        try (Connection c = dataSource.getConnection();
                PreparedStatement del =
                        c.prepareStatement(
                                "DELETE FROM upvotes WHERE paper_id = ? AND member_id = ?")) {
            del.setString(1, id);
            del.setLong(2, memberId);
            if (del.executeUpdate() > 0) {
                return false;
            }
            try (PreparedStatement ins =
                    c.prepareStatement(
                            "INSERT INTO upvotes (paper_id, member_id, created_at) VALUES (?,"
                                    + " ?, ?)")) {
                ins.setString(1, id);
                ins.setLong(2, memberId);
                ins.setTimestamp(3, Timestamp.from(clock.instant()));
                ins.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (Sql.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    return true; // a second click at the same moment upvoted it first: upvoted,
                    // once
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new CatalogException(
                    "could not toggle the upvote of member " + memberId + " on " + id, e);
        }
    }

    /**
     * Why {@code markdown} cannot be shown as Markdown (too long, nested too deeply), or empty when
     * it can. Forms ask before they write a comment; it is rendered on the way, and that rendering
     * kept for the pages that show the comment next.
     */
    public Optional<String> refusal(String markdown) {
        return this.markdown.refusal(markdown);
    }

    /** Adds a comment (Markdown as written); returns its id. */
    public long comment(ArxivId paper, long memberId, String markdown) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st =
                        c.prepareStatement(
                                "INSERT INTO comments (paper_id, member_id, body, created_at)"
                                        + " VALUES (?, ?, ?, ?)",
                                Statement.RETURN_GENERATED_KEYS)) {
            st.setString(1, paper.withoutVersion().id());
            st.setLong(2, memberId);
            st.setString(3, markdown);
            st.setTimestamp(4, Timestamp.from(clock.instant()));
            st.executeUpdate();
            try (ResultSet keys = st.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw new CatalogException("could not save a comment on " + paper, e);
        }
    }

    /** Takes a paper off the featured list; true when it changed. */
    public boolean unfeature(ArxivId paper) {
        return changeEntry(
                        "UPDATE feed_entries SET featured = FALSE WHERE paper_id = ? AND featured ="
                                + " TRUE",
                        paper)
                > 0;
    }

    /** The paper's comments, oldest first; deleted ones left out, hidden ones included (marked). */
    public List<Comment> comments(ArxivId paper) {
        return queryComments(
                "WHERE c.paper_id = ? AND c.deleted = FALSE ORDER BY c.id",
                paper.withoutVersion().id());
    }

    public Optional<Comment> comment(long id) {
        List<Comment> found = queryComments("WHERE c.id = ? AND c.deleted = FALSE", id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    /** The member's own comments, newest first. */
    public List<Comment> commentsBy(long memberId) {
        return queryComments(
                "WHERE c.member_id = ? AND c.deleted = FALSE ORDER BY c.id DESC", memberId);
    }

    /**
     * Replaces the text of comment {@code id} if {@code memberId} wrote it; true when it changed.
     */
    public boolean editComment(long id, long memberId, String markdown) {
        return Sql.update(
                        dataSource,
                        "change a comment",
                        "UPDATE comments SET body = ?, edited_at = ? WHERE id = ? AND member_id = ?"
                                + " AND deleted = FALSE",
                        markdown,
                        Timestamp.from(clock.instant()),
                        id,
                        memberId)
                > 0;
    }

    /** Deletes comment {@code id}, whoever wrote it (an admin's decision); true when it changed. */
    public boolean deleteComment(long id) {
        return Sql.update(
                        dataSource,
                        "change a comment",
                        "UPDATE comments SET deleted = TRUE WHERE id = ? AND deleted = FALSE",
                        id)
                > 0;
    }

    /** Deletes comment {@code id} if {@code memberId} wrote it; true when it changed. */
    public boolean deleteComment(long id, long memberId) {
        return Sql.update(
                        dataSource,
                        "change a comment",
                        "UPDATE comments SET deleted = TRUE WHERE id = ? AND member_id = ? AND"
                                + " deleted = FALSE",
                        id,
                        memberId)
                > 0;
    }

    /** Hides comment {@code id} from readers (a curator's decision); true when it changed. */
    public boolean hideComment(long id) {
        return Sql.update(
                        dataSource,
                        "change a comment",
                        "UPDATE comments SET hidden = TRUE WHERE id = ? AND hidden = FALSE",
                        id)
                > 0;
    }

    /** Shows a hidden comment again (a curator's decision); true when it changed. */
    public boolean unhideComment(long id) {
        return Sql.update(
                        dataSource,
                        "change a comment",
                        "UPDATE comments SET hidden = FALSE WHERE id = ? AND hidden = TRUE",
                        id)
                > 0;
    }

    /**
     * Where a paper stands with the curators: featured, hidden from every list, both or neither.
     */
    public record Standing(boolean featured, boolean hidden) {}

    /** The curators' decisions on {@code paper} (neither when it has no feed entry). */
    public Standing standing(ArxivId paper) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st =
                        c.prepareStatement(
                                "SELECT featured, hidden FROM feed_entries WHERE paper_id = ?")) {
            st.setString(1, paper.withoutVersion().id());
            try (ResultSet rs = st.executeQuery()) {
                return rs.next()
                        ? new Standing(rs.getBoolean(1), rs.getBoolean(2))
                        : new Standing(false, false);
            }
        } catch (SQLException e) {
            throw new CatalogException("could not read the feed entry of " + paper, e);
        }
    }

    /** Whether {@code memberId} upvotes {@code paper}. */
    public boolean upvotes(ArxivId paper, long memberId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st =
                        c.prepareStatement(
                                "SELECT 1 FROM upvotes WHERE paper_id = ? AND member_id = ?")) {
            st.setString(1, paper.withoutVersion().id());
            st.setLong(2, memberId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new CatalogException("could not read an upvote", e);
        }
    }

    /** Ids of the papers the member submitted, newest first. */
    public List<String> submittedBy(long memberId) {
        return ids(
                "SELECT paper_id FROM feed_entries WHERE submitted_by = ? ORDER BY created_at DESC,"
                        + " paper_id",
                memberId);
    }

    /** Ids of the papers the member upvotes, newest vote first. */
    public List<String> upvotedBy(long memberId) {
        return ids(
                "SELECT paper_id FROM upvotes WHERE member_id = ? ORDER BY created_at DESC,"
                        + " paper_id",
                memberId);
    }

    /** Who submitted {@code paper}, if anyone. */
    public Optional<String> submitter(ArxivId paper) {
        List<String> names =
                idsOf(
                        "SELECT m.name FROM feed_entries e JOIN members m ON m.id = e.submitted_by"
                                + " WHERE e.paper_id = ?",
                        paper.withoutVersion().id());
        return names.isEmpty() ? Optional.empty() : Optional.of(names.getFirst());
    }

    private List<String> ids(String sql, long memberId) {
        return idsOf(sql, memberId);
    }

    private List<String> idsOf(String sql, Object param) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(sql)) {
            st.setObject(1, param);
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new CatalogException("could not read community rows", e);
        }
    }

    private List<Comment> queryComments(String where, Object param) {
        String sql =
                "SELECT c.id, c.paper_id, c.member_id, m.name, c.body, c.created_at, c.edited_at,"
                        + " c.hidden FROM comments c JOIN members m ON m.id = c.member_id "
                        + where;
        record Row(
                long id,
                String paperId,
                long memberId,
                String memberName,
                String body,
                Instant createdAt,
                @Nullable Instant editedAt,
                boolean hidden) {}
        List<Row> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(sql)) {
            st.setObject(1, param);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Timestamp edited = rs.getTimestamp(7);
                    rows.add(
                            new Row(
                                    rs.getLong(1),
                                    rs.getString(2),
                                    rs.getLong(3),
                                    rs.getString(4),
                                    rs.getString(5),
                                    rs.getTimestamp(6).toInstant(),
                                    edited == null ? null : edited.toInstant(),
                                    rs.getBoolean(8)));
                }
            }
        } catch (SQLException e) {
            throw new CatalogException("could not read comments", e);
        }
        // rendered with the connection back in the pool: a text not rendered before takes a while
        return rows.stream()
                .map(
                        r ->
                                new Comment(
                                        r.id(),
                                        r.paperId(),
                                        r.memberId(),
                                        r.memberName(),
                                        r.body(),
                                        markdown.toHtml(r.body()),
                                        r.createdAt(),
                                        r.editedAt(),
                                        r.hidden()))
                .toList();
    }

    private boolean insertEntry(
            ArxivId paper, LocalDate day, @Nullable Long memberId, boolean featured) {
        String sql =
                "INSERT INTO feed_entries (paper_id, feed_day, submitted_by, featured, created_at)"
                        + " SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM feed_entries WHERE"
                        + " paper_id = ?)";
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(sql)) {
            String id = paper.withoutVersion().id();
            st.setString(1, id);
            st.setDate(2, Date.valueOf(day));
            if (memberId == null) {
                st.setNull(3, Types.BIGINT);
            } else {
                st.setLong(3, memberId);
            }
            st.setBoolean(4, featured);
            st.setTimestamp(5, Timestamp.from(clock.instant()));
            st.setString(6, id);
            return st.executeUpdate() > 0;
        } catch (SQLException e) {
            if (Sql.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false; // a concurrent submission of the same paper won
            }
            throw new CatalogException("could not put " + paper + " on the feed of " + day, e);
        }
    }

    private boolean insertEntryHidden(ArxivId paper, LocalDate day) {
        if (!insertEntry(paper, day, null, false)) {
            return false;
        }
        return changeEntry("UPDATE feed_entries SET hidden = TRUE WHERE paper_id = ?", paper) > 0;
    }

    private int changeEntry(String sql, ArxivId paper) {
        return Sql.update(
                dataSource, "change the feed entry of " + paper, sql, paper.withoutVersion().id());
    }
}
