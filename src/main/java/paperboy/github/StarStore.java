package paperboy.github;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import paperboy.catalog.CatalogException;

/** GitHub stars in the catalog: per repository, per repository and day, per paper. Thread-safe. */
public final class StarStore {
    /** Stars gained are counted over this many days ("Hot on GitHub"). */
    public static final int GAIN_DAYS = 7;

    private final DataSource dataSource;

    public StarStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** What is known of a repository: the ETag for a conditional request, and its stars. */
    public record Known(
            @Nullable String fullName,
            @Nullable String etag,
            @Nullable Integer stars,
            String status) {

        /** Whom to ask: the name GitHub gave last (after a rename), else the linked one. */
        public String askFor(String repo) {
            return fullName != null && status.equals("ok") ? fullName : repo;
        }
    }

    /** A paper's stars: of its most-starred repository, and how many it gained in 7 days. */
    public record PaperStars(String paperId, String repo, int stars, int gained) {}

    /** Every GitHub repository a paper links to (its code URL or a code link), per repository. */
    public Map<String, List<String>> linkedRepos() {
        Map<String, List<String>> papersByRepo = new LinkedHashMap<>();
        query(
                "SELECT id, code_url FROM papers WHERE LOWER(code_url) LIKE '%github.com/%'"
                        + " UNION SELECT paper_id, repo_url FROM code_links"
                        + " WHERE LOWER(repo_url) LIKE '%github.com/%' ORDER BY 1",
                rs -> {
                    String paper = rs.getString(1);
                    GitHubRepos.of(rs.getString(2))
                            .ifPresent(
                                    repo ->
                                            papersByRepo
                                                    .computeIfAbsent(repo, r -> new ArrayList<>())
                                                    .add(paper));
                });
        return papersByRepo;
    }

    /**
     * {@code repos} in the order a round asks for them: never read first, then the longest ago, so
     * a round stopped by the rate limit is continued where it stopped, not from the start.
     */
    public List<String> inAskingOrder(java.util.Collection<String> repos) {
        Map<String, Instant> checked = new HashMap<>();
        query(
                "SELECT repo, checked_at FROM github_repos",
                rs -> checked.put(rs.getString(1), rs.getTimestamp(2).toInstant()));
        List<String> ordered = new ArrayList<>(repos);
        ordered.sort(
                java.util.Comparator.comparing(
                        (String r) -> checked.getOrDefault(r, Instant.EPOCH)));
        return ordered;
    }

    /** When {@code repo} was last asked about; empty if never. */
    public Optional<Instant> checkedAt(String repo) {
        List<Instant> found = new ArrayList<>();
        query(
                "SELECT checked_at FROM github_repos WHERE repo = ?",
                rs -> found.add(rs.getTimestamp(1).toInstant()),
                repo);
        return found.stream().findFirst();
    }

    public Optional<Known> known(String repo) {
        List<Known> found = new ArrayList<>();
        query(
                "SELECT full_name, etag, stars, status FROM github_repos WHERE repo = ?",
                rs ->
                        found.add(
                                new Known(
                                        rs.getString(1),
                                        rs.getString(2),
                                        (Integer) rs.getObject(3),
                                        rs.getString(4))),
                repo);
        return found.stream().findFirst();
    }

    /** Notes a repository's stars as read on {@code day} (null once it is gone). */
    public void record(
            String repo,
            @Nullable String fullName,
            @Nullable String etag,
            @Nullable Integer stars,
            String status,
            Instant at,
            LocalDate day) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int updated;
                try (PreparedStatement st =
                        c.prepareStatement(
                                "UPDATE github_repos SET full_name = COALESCE(?, full_name), etag ="
                                    + " ?, stars = ?, status = ?, checked_at = ? WHERE repo = ?")) {
                    bind(st, fullName, etag, stars, status, Timestamp.from(at), repo);
                    updated = st.executeUpdate();
                }
                if (updated == 0) {
                    try (PreparedStatement st =
                            c.prepareStatement(
                                    "INSERT INTO github_repos (full_name, etag, stars, status,"
                                            + " checked_at, repo) VALUES (?, ?, ?, ?, ?, ?)")) {
                        bind(st, fullName, etag, stars, status, Timestamp.from(at), repo);
                        st.executeUpdate();
                    }
                }
                if (stars != null) {
                    try (PreparedStatement st =
                            c.prepareStatement(
                                    "DELETE FROM github_stars_daily WHERE repo = ? AND on_day ="
                                            + " ?")) {
                        bind(st, repo, Date.valueOf(day));
                        st.executeUpdate();
                    }
                    try (PreparedStatement st =
                            c.prepareStatement(
                                    "INSERT INTO github_stars_daily (repo, on_day, stars) VALUES"
                                            + " (?, ?, ?)")) {
                        bind(st, repo, Date.valueOf(day), stars);
                        st.executeUpdate();
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new CatalogException("could not store the stars of " + repo, e);
        }
    }

    /**
     * Rewrites every paper's stars from its repositories as of {@code today}: the most-starred one,
     * and what it gained since {@link #GAIN_DAYS} days ago (or since first read, if later).
     */
    public int refreshPapers(Map<String, List<String>> papersByRepo, LocalDate today) {
        Map<String, int[]> repoStars = new HashMap<>(); // repo -> {stars, gained}
        Map<String, TreeMap<LocalDate, Integer>> history = new HashMap<>();
        query(
                "SELECT repo, on_day, stars FROM github_stars_daily WHERE on_day >= ? AND on_day <="
                        + " ?",
                rs -> {
                    String repo = rs.getString(1);
                    LocalDate day = rs.getDate(2).toLocalDate();
                    history.computeIfAbsent(repo, r -> new TreeMap<>()).put(day, rs.getInt(3));
                },
                Date.valueOf(today.minusDays(GAIN_DAYS)),
                Date.valueOf(today));
        query(
                "SELECT repo, stars FROM github_repos WHERE status = 'ok' AND stars IS NOT NULL",
                rs -> {
                    String repo = rs.getString(1);
                    int now = rs.getInt(2);
                    TreeMap<LocalDate, Integer> days = history.get(repo);
                    int then = days == null ? now : days.firstEntry().getValue();
                    repoStars.put(repo, new int[] {now, Math.max(0, now - then)});
                });
        Map<String, PaperStars> best = new HashMap<>();
        papersByRepo.forEach(
                (repo, papers) -> {
                    int[] s = repoStars.get(repo);
                    if (s == null) {
                        return;
                    }
                    for (String paper : papers) {
                        PaperStars old = best.get(paper);
                        if (old == null || s[0] > old.stars()) {
                            best.put(paper, new PaperStars(paper, repo, s[0], s[1]));
                        }
                    }
                });
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement st = c.prepareStatement("DELETE FROM paper_stars")) {
                    st.executeUpdate();
                }
                try (PreparedStatement st =
                        c.prepareStatement(
                                "INSERT INTO paper_stars (paper_id, repo, stars, gained_7d) VALUES"
                                        + " (?, ?, ?, ?)")) {
                    for (PaperStars p : best.values()) {
                        bind(st, p.paperId(), p.repo(), p.stars(), p.gained());
                        st.addBatch();
                    }
                    st.executeBatch();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new CatalogException("could not store the papers' stars", e);
        }
        return best.size();
    }

    /** Stars of these papers' most-starred repositories; papers without any are left out. */
    public Map<String, Integer> ofPapers(List<String> paperIds) {
        Map<String, Integer> stars = new HashMap<>();
        for (int i = 0; i < paperIds.size(); i += 500) {
            List<String> part = paperIds.subList(i, Math.min(paperIds.size(), i + 500));
            query(
                    "SELECT paper_id, stars FROM paper_stars WHERE paper_id IN ("
                            + String.join(", ", java.util.Collections.nCopies(part.size(), "?"))
                            + ")",
                    rs -> stars.put(rs.getString(1), rs.getInt(2)),
                    part.toArray());
        }
        return stars;
    }

    /**
     * Papers by stars gained in the last {@link #GAIN_DAYS} days, most first; none that gained
     * none.
     */
    public List<PaperStars> hottest(int offset, int limit) {
        List<PaperStars> hot = new ArrayList<>();
        query(
                "SELECT paper_id, repo, stars, gained_7d FROM paper_stars WHERE gained_7d > 0"
                        + " ORDER BY gained_7d DESC, stars DESC, paper_id LIMIT ? OFFSET ?",
                rs ->
                        hot.add(
                                new PaperStars(
                                        rs.getString(1),
                                        rs.getString(2),
                                        rs.getInt(3),
                                        rs.getInt(4))),
                limit,
                offset);
        return hot;
    }

    /** How many papers gained stars in the last {@link #GAIN_DAYS} days. */
    public int hotCount() {
        int[] n = {0};
        query("SELECT COUNT(*) FROM paper_stars WHERE gained_7d > 0", rs -> n[0] = rs.getInt(1));
        return n[0];
    }

    @FunctionalInterface
    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(String sql, RowReader reader, Object... params) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(sql)) {
            bind(st, params);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new CatalogException("could not read GitHub stars", e);
        }
    }

    private static void bind(PreparedStatement st, @Nullable Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            st.setObject(i + 1, params[i]);
        }
    }
}
