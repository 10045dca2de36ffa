package paperboy.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes papers. Every write is one transaction and bumps the paper's change sequence.
 * The same SQL runs on H2 and PostgreSQL. Thread-safe: it holds no state besides the pool.
 */
public final class CatalogStore {
    /**
     * Our own signal that a row changed between our read and our write (the standard "serialization
     * failure").
     */
    private static final String CONCURRENT_CHANGE = "40001";

    private static final String INSERT =
            "INSERT INTO papers (id, "
                    + PaperRows.COLUMNS
                    + ", change_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                    + " nextval('paper_change_seq'))";
    private static final String UPDATE =
            "UPDATE papers SET "
                    + PaperRows.COLUMNS.replace(",", " = ?,")
                    + " = ?, change_seq = nextval('paper_change_seq') WHERE id = ? AND content_hash"
                    + " = ?";

    private final DataSource dataSource;

    public CatalogStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** What the catalog holds of a paper, enough to decide what a new record would change. */
    private record Stored(int version, LocalDate updated, String hash) {}

    /**
     * Writes a batch of papers in one transaction: new ones are added, newer versions or changed
     * metadata update, older versions are ignored. Repeated ids in one batch are handled in order.
     *
     * @return the outcome of each paper, in the order given
     */
    public List<UpsertOutcome> upsert(List<Paper> papers) {
        if (papers.isEmpty()) {
            return List.of();
        }
        try {
            return upsertOnce(papers);
        } catch (SQLException e) {
            if (!Sql.UNIQUE_VIOLATION.equals(e.getSQLState())
                    && !CONCURRENT_CHANGE.equals(e.getSQLState())) {
                throw new CatalogException("could not write " + papers.size() + " papers", e);
            }
            // Another writer added or changed one of these papers between our read and our write
            // (a harvest beside an import on PostgreSQL): read again and decide again.
            try {
                return upsertOnce(papers);
            } catch (SQLException again) {
                throw new CatalogException("could not write " + papers.size() + " papers", again);
            }
        }
    }

    private List<UpsertOutcome> upsertOnce(List<Paper> papers) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                ChangeLock.acquire(c);
                Map<String, Stored> known =
                        readStored(c, papers.stream().map(p -> p.id().id()).distinct().toList());
                Map<String, String> hashRead = new HashMap<>();
                known.forEach((id, stored) -> hashRead.put(id, stored.hash()));
                Map<String, Paper> inserts = new LinkedHashMap<>();
                Map<String, Paper> updates = new LinkedHashMap<>();
                List<UpsertOutcome> outcomes = new ArrayList<>(papers.size());
                for (Paper p : papers) {
                    String key = p.id().id();
                    String hash = PaperRows.contentHash(p);
                    UpsertOutcome outcome = decide(known.get(key), p, hash);
                    outcomes.add(outcome);
                    if (outcome == UpsertOutcome.ADDED || outcome == UpsertOutcome.UPDATED) {
                        if (inserts.containsKey(key) || outcome == UpsertOutcome.ADDED) {
                            inserts.put(key, p);
                        } else {
                            updates.put(key, p);
                        }
                        known.put(key, new Stored(p.version(), p.updated(), hash));
                    }
                }
                insert(c, inserts.values());
                update(c, updates.values(), hashRead);
                c.commit();
                return outcomes;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static UpsertOutcome decide(@Nullable Stored stored, Paper p, String hash) {
        if (stored == null) {
            return UpsertOutcome.ADDED;
        }
        if (p.version() != stored.version()) {
            return p.version() > stored.version() ? UpsertOutcome.UPDATED : UpsertOutcome.STALE;
        }
        if (hash.equals(stored.hash())) {
            return UpsertOutcome.UNCHANGED;
        }
        // Same version, other metadata (journal-ref, DOI, ...): the more recently updated record
        // wins.
        return p.updated().isBefore(stored.updated()) ? UpsertOutcome.STALE : UpsertOutcome.UPDATED;
    }

    private static Map<String, Stored> readStored(Connection c, List<String> ids)
            throws SQLException {
        Map<String, Stored> stored = new HashMap<>();
        IdLookup.forEachRow(
                c,
                "SELECT id, version, updated, content_hash FROM papers WHERE id IN",
                List.of(),
                ids,
                rs ->
                        stored.put(
                                rs.getString(1),
                                new Stored(
                                        rs.getInt(2),
                                        rs.getDate(3).toLocalDate(),
                                        rs.getString(4))));
        return stored;
    }

    private static void insert(Connection c, Collection<Paper> papers) throws SQLException {
        if (papers.isEmpty()) {
            return;
        }
        try (PreparedStatement st = c.prepareStatement(INSERT)) {
            for (Paper p : papers) {
                st.setString(1, p.id().id());
                PaperRows.bind(st, 2, p);
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    /**
     * Updates only rows still as we read them; any other fails the batch so it is decided again.
     */
    private static void update(Connection c, Collection<Paper> papers, Map<String, String> hashRead)
            throws SQLException {
        if (papers.isEmpty()) {
            return;
        }
        try (PreparedStatement st = c.prepareStatement(UPDATE)) {
            for (Paper p : papers) {
                int next = PaperRows.bind(st, 1, p);
                st.setString(next, p.id().id());
                st.setString(next + 1, hashRead.get(p.id().id()));
                st.addBatch();
            }
            for (int count : st.executeBatch()) {
                if (count == 0) {
                    throw new SQLException(
                            "a paper changed while this batch was being written",
                            CONCURRENT_CHANGE);
                }
            }
        }
    }

    /**
     * The paper with this id (any version given is ignored). Its {@code codeUrl} is the paper's own
     * link or, failing that, the best external one (official first).
     */
    public Optional<Paper> find(ArxivId id) {
        String key = id.withoutVersion().id();
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(PaperRows.SELECT + " WHERE id = ?")) {
            st.setString(1, key);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Paper paper = PaperRows.read(rs);
                if (paper.codeUrl() != null) {
                    return Optional.of(paper);
                }
                return Optional.of(
                        paper.withLinks(bestExternalCodeLink(c, key), paper.projectUrl()));
            }
        } catch (SQLException e) {
            throw new CatalogException("could not read paper " + id, e);
        }
    }

    private static @Nullable String bestExternalCodeLink(Connection c, String key)
            throws SQLException {
        try (PreparedStatement st =
                c.prepareStatement(
                        "SELECT repo_url FROM code_links WHERE paper_id = ? ORDER BY official DESC,"
                                + " repo_url LIMIT 1")) {
            st.setString(1, key);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /**
     * The ids of the papers with these DOIs, keyed by the DOI in lower case (DOIs are
     * case-insensitive). Each DOI is looked up as given, in lower and in upper case, so the index
     * on the column serves: publishers' capitals are kept by both arXiv and reference managers.
     */
    public Map<String, String> idsByDoi(Collection<String> dois) {
        Map<String, String> found = new HashMap<>();
        List<String> forms = new ArrayList<>();
        for (String doi : dois) {
            forms.add(doi);
            forms.add(doi.toLowerCase(Locale.ROOT));
            forms.add(doi.toUpperCase(Locale.ROOT));
        }
        if (forms.isEmpty()) {
            return found;
        }
        try (Connection c = dataSource.getConnection()) {
            IdLookup.forEachRow(
                    c,
                    "SELECT doi, id FROM papers WHERE doi IN",
                    List.of(),
                    forms.stream().distinct().toList(),
                    rs ->
                            found.putIfAbsent(
                                    rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2)));
            return found;
        } catch (SQLException e) {
            throw new CatalogException("could not look up " + dois.size() + " DOIs", e);
        }
    }

    /**
     * The papers with these base ids that exist, keyed by id, code URLs resolved as in {@link
     * #find}. For lists: one round trip per {@value IdLookup#CHUNK} ids.
     */
    public Map<String, Paper> findAll(List<String> ids) {
        Map<String, Paper> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        String sql =
                PaperRows.SELECT.replace(
                                " FROM papers",
                                ", (SELECT l.repo_url FROM code_links l WHERE l.paper_id ="
                                    + " papers.id ORDER BY l.official DESC, l.repo_url LIMIT 1) AS"
                                    + " external_code_url FROM papers")
                        + " WHERE id IN";
        try (Connection c = dataSource.getConnection()) {
            IdLookup.forEachRow(
                    c,
                    sql,
                    List.of(),
                    ids,
                    rs -> {
                        Paper paper = PaperRows.read(rs);
                        if (paper.codeUrl() == null && rs.getString("external_code_url") != null) {
                            paper =
                                    paper.withLinks(
                                            rs.getString("external_code_url"), paper.projectUrl());
                        }
                        found.put(paper.id().id(), paper);
                    });
            return found;
        } catch (SQLException e) {
            throw new CatalogException("could not read " + ids.size() + " papers", e);
        }
    }

    /**
     * Papers changed after {@code afterSeq}, oldest change first, at most {@code limit}: what a
     * follower of the catalog (the search index) must apply next. Code URLs are resolved as in
     * {@link #find}.
     */
    public List<Change> changesSince(long afterSeq, int limit) {
        String sql =
                PaperRows.SELECT.replace(
                                " FROM papers",
                                ", change_seq, (SELECT l.repo_url FROM code_links l WHERE"
                                    + " l.paper_id = papers.id ORDER BY l.official DESC, l.repo_url"
                                    + " LIMIT 1) AS external_code_url, EXISTS (SELECT 1 FROM"
                                    + " feed_entries f WHERE f.paper_id = papers.id AND f.hidden ="
                                    + " TRUE) AS hidden FROM papers")
                        + " WHERE change_seq > ? ORDER BY change_seq LIMIT ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(sql)) {
            st.setLong(1, afterSeq);
            st.setInt(2, limit);
            List<Change> changes = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Paper paper = PaperRows.read(rs);
                    if (paper.codeUrl() == null && rs.getString("external_code_url") != null) {
                        paper =
                                paper.withLinks(
                                        rs.getString("external_code_url"), paper.projectUrl());
                    }
                    changes.add(
                            new Change(rs.getLong("change_seq"), paper, rs.getBoolean("hidden")));
                }
            }
            return changes;
        } catch (SQLException e) {
            throw new CatalogException("could not read catalog changes after " + afterSeq, e);
        }
    }

    /**
     * This catalog's identity: a random id made once, when the catalog was created (migration V7),
     * and kept by copies of the database. What is derived from the catalog outside it (the search
     * index of a data dir) records it, to tell this catalog from another one.
     */
    public String identity() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st =
                        c.prepareStatement("SELECT id FROM catalog_identity WHERE one_row = 1");
                ResultSet rs = st.executeQuery()) {
            if (!rs.next()) {
                throw new IllegalStateException(
                        "the catalog has no identity (table catalog_identity is empty)");
            }
            return rs.getString(1);
        } catch (SQLException e) {
            throw new CatalogException("could not read the catalog's identity", e);
        }
    }

    /** The highest change sequence in the catalog, 0 when empty. */
    public long lastChange() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st =
                        c.prepareStatement("SELECT COALESCE(MAX(change_seq), 0) FROM papers");
                ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new CatalogException("could not read the catalog's last change", e);
        }
    }

    /** Papers in the catalog: a cheap query, for health checks. */
    public long count() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT COUNT(*) FROM papers");
                ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new CatalogException("could not count papers", e);
        }
    }

    /** Totals for {@code paperboy stats}. */
    public CatalogStats stats() {
        try (Connection c = dataSource.getConnection()) {
            long papers;
            LocalDate first;
            LocalDate last;
            try (PreparedStatement st =
                            c.prepareStatement(
                                    "SELECT COUNT(*), MIN(announced), MAX(announced) FROM papers");
                    ResultSet rs = st.executeQuery()) {
                rs.next();
                papers = rs.getLong(1);
                first = IdLookup.localDate(rs.getDate(2));
                last = IdLookup.localDate(rs.getDate(3));
            }
            long withCode;
            try (PreparedStatement st =
                            c.prepareStatement(
                                    "SELECT COUNT(*) FROM papers p WHERE p.code_url IS NOT NULL OR"
                                        + " EXISTS (SELECT 1 FROM code_links l WHERE l.paper_id ="
                                        + " p.id)");
                    ResultSet rs = st.executeQuery()) {
                rs.next();
                withCode = rs.getLong(1);
            }
            Map<String, Long> byCategory = new LinkedHashMap<>();
            try (PreparedStatement st =
                            c.prepareStatement(
                                    "SELECT COALESCE(primary_category, 'none') AS category,"
                                            + " COUNT(*) AS n FROM papers GROUP BY primary_category"
                                            + " ORDER BY n DESC, category");
                    ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    byCategory.put(rs.getString(1), rs.getLong(2));
                }
            }
            return new CatalogStats(papers, withCode, byCategory, first, last);
        } catch (SQLException e) {
            throw new CatalogException("could not count the catalog", e);
        }
    }
}
