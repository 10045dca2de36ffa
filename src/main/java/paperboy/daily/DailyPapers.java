package paperboy.daily;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import paperboy.catalog.CatalogException;
import paperboy.catalog.CatalogStore;
import paperboy.catalog.Paper;

/**
 * The daily, weekly and monthly lists: a period's papers are those announced in it plus those
 * submitted or featured on one of its days; hidden ones are left out. Reads only. Thread-safe.
 */
public final class DailyPapers {
    /** Papers a list page may ask for at once. */
    public static final int MAX_LIMIT = 100;

    /**
     * Per paper: its feed entry, submitter, counts and whether it has code; {@code ?} = the paper
     * ids.
     */
    private static final String ROW_COLUMNS =
            "SELECT p.id, p.announced, e.feed_day AS entry_day, COALESCE(e.featured, FALSE) AS"
                + " featured, COALESCE(e.hidden, FALSE) AS hidden, m.name AS submitter, (SELECT"
                + " COUNT(*) FROM upvotes v WHERE v.paper_id = p.id) AS upvotes, (SELECT COUNT(*)"
                + " FROM comments c WHERE c.paper_id = p.id AND c.hidden = FALSE AND c.deleted ="
                + " FALSE) AS comments, CASE WHEN p.code_url IS NOT NULL OR EXISTS (SELECT 1 FROM"
                + " code_links l WHERE l.paper_id = p.id) THEN 1 ELSE 0 END AS has_code, (SELECT"
                + " s.stars FROM paper_stars s WHERE s.paper_id = p.id) AS github_stars";

    private static final String ROW_JOINS =
            " LEFT JOIN feed_entries e ON e.paper_id = p.id"
                    + " LEFT JOIN members m ON m.id = e.submitted_by";

    private static final Comparator<FeedRow> CURATED_FIRST =
            Comparator.comparing(FeedRow::curated)
                    .reversed()
                    .thenComparing(Comparator.comparingInt(FeedRow::upvotes).reversed())
                    .thenComparing(FeedRow::id, Comparator.reverseOrder());
    private static final Comparator<FeedRow> NEWEST_FIRST =
            Comparator.comparing(FeedRow::announced).thenComparing(FeedRow::id).reversed();

    private final DataSource dataSource;
    private final CatalogStore catalog;

    public DailyPapers(DataSource dataSource, CatalogStore catalog) {
        this.dataSource = dataSource;
        this.catalog = catalog;
    }

    /**
     * A feed entry puts its paper on its day only while it is submitted or featured and not hidden:
     * an unfeatured or hidden entry leaves no trace on lists, days or trending.
     */
    private static final String ON_FEED =
            "(submitted_by IS NOT NULL OR featured = TRUE) AND hidden = FALSE";

    /** The newest day with papers (announced or put on the feed); empty for an empty catalog. */
    public Optional<LocalDate> latestDay() {
        return day(
                "SELECT MAX(d) FROM (SELECT MAX(announced) AS d FROM papers"
                        + " UNION ALL SELECT MAX(feed_day) FROM feed_entries WHERE "
                        + ON_FEED
                        + ") days");
    }

    /** The newest announcement day (what arXiv published; submissions left out), for digests. */
    public Optional<LocalDate> latestAnnouncedDay() {
        return day("SELECT MAX(announced) FROM papers");
    }

    /** The nearest day before {@code day} that has papers. */
    public Optional<LocalDate> dayBefore(LocalDate day) {
        return day(
                "SELECT MAX(d) FROM (SELECT MAX(announced) AS d FROM papers WHERE announced < ?"
                    + " UNION ALL SELECT MAX(feed_day) FROM feed_entries WHERE feed_day < ? AND "
                        + ON_FEED
                        + ") days",
                day,
                day);
    }

    /** The nearest day after {@code day} that has papers. */
    public Optional<LocalDate> dayAfter(LocalDate day) {
        return day(
                "SELECT MIN(d) FROM (SELECT MIN(announced) AS d FROM papers WHERE announced > ?"
                    + " UNION ALL SELECT MIN(feed_day) FROM feed_entries WHERE feed_day > ? AND "
                        + ON_FEED
                        + ") days",
                day,
                day);
    }

    /**
     * One page of {@code period}'s list.
     *
     * @param submitter only papers this member submitted; {@code null} for all
     */
    public Listing list(
            Period period, ListOrder order, @Nullable String submitter, int offset, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException(
                    "limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative");
        }
        List<FeedRow> rows = new ArrayList<>(rows(period.start(), period.end()));
        if (submitter != null) {
            rows.removeIf(r -> !submitter.equals(r.submittedBy()));
        }
        rows.sort(
                switch (order) {
                    case CURATED_FIRST -> CURATED_FIRST;
                    case PUBLISHED -> NEWEST_FIRST;
                    case TRENDING -> byTrending(period.end().minusDays(1));
                });
        List<FeedRow> page =
                offset >= rows.size()
                        ? List.of()
                        : rows.subList(offset, Math.min(rows.size(), offset + limit));
        return new Listing(withPapers(page), rows.size(), offset, limit);
    }

    /** Highest trending score first, as of {@code today}. */
    public static Comparator<FeedRow> byTrending(LocalDate today) {
        return Comparator.comparingDouble(
                        (FeedRow r) ->
                                TrendingScore.score(
                                        r, ChronoUnit.DAYS.between(r.freshSince(), today)))
                .reversed()
                .thenComparing(FeedRow::id, Comparator.reverseOrder());
    }

    /** The papers {@code ids} with their feed rows, in the order given; unknown ids are skipped. */
    public List<ListedPaper> listed(List<String> ids) {
        Map<String, FeedRow> rows = rowsOf(ids);
        return withPapers(ids.stream().map(rows::get).filter(Objects::nonNull).toList());
    }

    /**
     * "Hot on GitHub": papers by GitHub stars gained in the last 7 days (of their most-starred
     * repository), most first; none that gained none.
     */
    public List<ListedPaper> hotOnGitHub(int offset, int limit) {
        List<String> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement st =
                        c.prepareStatement(
                                "SELECT s.paper_id FROM paper_stars s WHERE s.gained_7d > 0 AND NOT"
                                        + " EXISTS (SELECT 1 FROM feed_entries e WHERE e.paper_id ="
                                        + " s.paper_id AND e.hidden = TRUE) ORDER BY s.gained_7d"
                                        + " DESC, s.stars DESC, s.paper_id LIMIT ? OFFSET ?")) {
            st.setInt(1, limit);
            st.setInt(2, offset);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new CatalogException("could not list the papers hot on GitHub", e);
        }
        return listed(ids);
    }

    /** Stars gained in the last 7 days by each of these papers that has a starred repository. */
    public Map<String, Integer> starsGained(List<String> ids) {
        Map<String, Integer> gained = new HashMap<>();
        if (ids.isEmpty()) {
            return gained;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement st =
                        c.prepareStatement(
                                "SELECT paper_id, gained_7d FROM paper_stars WHERE paper_id IN ("
                                        + String.join(", ", Collections.nCopies(ids.size(), "?"))
                                        + ")")) {
            for (int i = 0; i < ids.size(); i++) {
                st.setString(i + 1, ids.get(i));
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    gained.put(rs.getString(1), rs.getInt(2));
                }
            }
            return gained;
        } catch (SQLException e) {
            throw new CatalogException("could not read the stars gained", e);
        }
    }

    /** How many papers {@link #hotOnGitHub} has. */
    public int hotOnGitHubCount() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st =
                        c.prepareStatement(
                                "SELECT COUNT(*) FROM paper_stars s WHERE s.gained_7d > 0 AND NOT"
                                        + " EXISTS (SELECT 1 FROM feed_entries e WHERE e.paper_id ="
                                        + " s.paper_id AND e.hidden = TRUE)");
                ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new CatalogException("could not count the papers hot on GitHub", e);
        }
    }

    /** The rows as {@link ListedPaper}s, in order; rows whose paper is gone are skipped. */
    public List<ListedPaper> withPapers(List<FeedRow> rows) {
        Map<String, Paper> papers = catalog.findAll(rows.stream().map(FeedRow::id).toList());
        List<ListedPaper> listed = new ArrayList<>(rows.size());
        for (FeedRow row : rows) {
            Paper p = papers.get(row.id());
            if (p != null) {
                listed.add(new ListedPaper(p, row));
            }
        }
        return listed;
    }

    /**
     * The rows of every paper announced or put on the feed in [{@code start}, {@code end}), hidden
     * ones left out.
     */
    public List<FeedRow> rows(LocalDate start, LocalDate end) {
        String sql =
                ROW_COLUMNS
                        + " FROM (SELECT id FROM papers WHERE announced >= ? AND announced < ?"
                        + " UNION SELECT paper_id FROM feed_entries WHERE feed_day >= ? AND"
                        + " feed_day < ? AND "
                        + ON_FEED
                        + ") d"
                        + " JOIN papers p ON p.id = d.id"
                        + ROW_JOINS;
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(sql)) {
            st.setDate(1, Date.valueOf(start));
            st.setDate(2, Date.valueOf(end));
            st.setDate(3, Date.valueOf(start));
            st.setDate(4, Date.valueOf(end));
            List<FeedRow> rows = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    if (!rs.getBoolean("hidden")) {
                        rows.add(read(rs, start, end));
                    }
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new CatalogException("could not list the papers of " + start + " to " + end, e);
        }
    }

    /**
     * The rows of these papers (hidden ones too: a paper page still shows a hidden paper), by id.
     */
    public Map<String, FeedRow> rowsOf(List<String> ids) {
        Map<String, FeedRow> rows = new HashMap<>();
        for (int from = 0; from < ids.size(); from += 100) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 100));
            String sql =
                    ROW_COLUMNS
                            + " FROM papers p"
                            + ROW_JOINS
                            + " WHERE p.id IN ("
                            + "?,".repeat(chunk.size() - 1)
                            + "?)";
            try (Connection c = dataSource.getConnection();
                    PreparedStatement st = c.prepareStatement(sql)) {
                for (int i = 0; i < chunk.size(); i++) {
                    st.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        FeedRow row = read(rs, null, null);
                        rows.put(row.id(), row);
                    }
                }
            } catch (SQLException e) {
                throw new CatalogException(
                        "could not read the feed rows of " + chunk.size() + " papers", e);
            }
        }
        return rows;
    }

    /**
     * One row; {@code start} and {@code end} bound the period listed, both {@code null} for none.
     */
    private static FeedRow read(ResultSet rs, @Nullable LocalDate start, @Nullable LocalDate end)
            throws SQLException {
        Date entry = rs.getDate("entry_day");
        LocalDate entryDay = entry == null ? null : entry.toLocalDate();
        String submitter = rs.getString("submitter");
        boolean featured = rs.getBoolean("featured");
        // The day it is on the feed: its entry day unless hidden or no longer submitted nor
        // featured.
        LocalDate feedDay =
                entryDay != null && (submitter != null || featured) && !rs.getBoolean("hidden")
                        ? entryDay
                        : null;
        boolean curated =
                feedDay != null
                        && (start == null || (!feedDay.isBefore(start) && feedDay.isBefore(end)));
        return new FeedRow(
                rs.getString("id"),
                rs.getDate("announced").toLocalDate(),
                feedDay,
                featured,
                submitter,
                rs.getInt("upvotes"),
                rs.getInt("comments"),
                rs.getInt("has_code") == 1,
                curated,
                (Integer) rs.getObject("github_stars"));
    }

    private Optional<LocalDate> day(String sql, LocalDate... params) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setDate(i + 1, Date.valueOf(params[i]));
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                Date d = rs.getDate(1);
                return Optional.ofNullable(d).map(Date::toLocalDate);
            }
        } catch (SQLException e) {
            throw new CatalogException("could not find a day with papers", e);
        }
    }
}
