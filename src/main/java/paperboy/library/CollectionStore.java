package paperboy.library;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import paperboy.catalog.ArxivId;
import paperboy.catalog.CatalogException;
import paperboy.catalog.Sql;

/**
 * Members' collections (tables {@code paper_collections}, {@code collection_papers}). Who may do
 * what is the caller's to check ({@link PaperCollection#readableBy}, the owner's id); names and
 * descriptions are checked here. Thread-safe.
 */
public final class CollectionStore {
    public static final int MAX_NAME = 100;
    public static final int MAX_DESCRIPTION = 2000;

    /** Collections one member may hold, and papers one collection: bounds, not quotas. */
    public static final int MAX_COLLECTIONS = 200;

    public static final int MAX_PAPERS = 2000;

    private static final String SELECT =
            "SELECT c.id, c.member_id, m.name, c.name, c.description, c.is_public, c.featured,"
                    + " (SELECT COUNT(*) FROM collection_papers p WHERE p.collection_id = c.id),"
                    + " c.updated_at FROM paper_collections c JOIN members m ON m.id = c.member_id";

    private final DataSource dataSource;
    private final Clock clock;

    public CollectionStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /**
     * A new collection of the member's; returns its id.
     *
     * @throws IllegalArgumentException with a message for the member when the name or description
     *     is not one, or the member holds {@value #MAX_COLLECTIONS} collections
     */
    public long create(long memberId, String name, String description, boolean isPublic) {
        String tidyName = name(name);
        String tidyDescription = description(description);
        if (ofMember(memberId).size() >= MAX_COLLECTIONS) {
            throw new IllegalArgumentException(
                    "You hold " + MAX_COLLECTIONS + " collections, the most one member may.");
        }
        Timestamp now = Timestamp.from(clock.instant());
        try (Connection c = dataSource.getConnection();
                PreparedStatement st =
                        c.prepareStatement(
                                "INSERT INTO paper_collections (member_id, name, description,"
                                        + " is_public, created_at, updated_at) VALUES (?, ?, ?,"
                                        + " ?, ?, ?)",
                                new String[] {"id"})) {
            st.setLong(1, memberId);
            st.setString(2, tidyName);
            st.setString(3, tidyDescription);
            st.setBoolean(4, isPublic);
            st.setTimestamp(5, now);
            st.setTimestamp(6, now);
            st.executeUpdate();
            try (ResultSet keys = st.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw new CatalogException("could not create a collection", e);
        }
    }

    /** Changes a collection's name, description and visibility (a private one is not featured). */
    public void update(long id, String name, String description, boolean isPublic) {
        Sql.update(
                dataSource,
                "update a collection",
                "UPDATE paper_collections SET name = ?, description = ?, is_public = ?, featured ="
                        + " (featured AND ?), updated_at = ? WHERE id = ?",
                name(name),
                description(description),
                isPublic,
                isPublic,
                Timestamp.from(clock.instant()),
                id);
    }

    /** Features a public collection on the home page, or stops; false when there is none such. */
    public boolean feature(long id, boolean featured) {
        return Sql.update(
                        dataSource,
                        "feature a collection",
                        "UPDATE paper_collections SET featured = ? WHERE id = ? AND is_public",
                        featured,
                        id)
                > 0;
    }

    public void delete(long id) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement st =
                        c.prepareStatement(
                                "DELETE FROM collection_papers WHERE collection_id = ?")) {
                    st.setLong(1, id);
                    st.executeUpdate();
                }
                try (PreparedStatement st =
                        c.prepareStatement("DELETE FROM paper_collections WHERE id = ?")) {
                    st.setLong(1, id);
                    st.executeUpdate();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new CatalogException("could not delete collection " + id, e);
        }
    }

    public Optional<PaperCollection> find(long id) {
        List<PaperCollection> found = query(SELECT + " WHERE c.id = ?", id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    /** The member's collections, most recently changed first. */
    public List<PaperCollection> ofMember(long memberId) {
        return query(
                SELECT + " WHERE c.member_id = ? ORDER BY c.updated_at DESC, c.id DESC", memberId);
    }

    /** The featured collections, most recently changed first. */
    public List<PaperCollection> featured() {
        return query(
                SELECT
                        + " WHERE c.featured AND c.is_public ORDER BY c.updated_at DESC, c.id"
                        + " DESC");
    }

    /** The collection's paper ids in its order. */
    public List<String> papers(long id) {
        List<String> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement st =
                        c.prepareStatement(
                                "SELECT paper_id FROM collection_papers WHERE collection_id = ?"
                                        + " ORDER BY position, paper_id")) {
            st.setLong(1, id);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new CatalogException("could not read collection " + id, e);
        }
    }

    /**
     * Adds the paper at the end; false when it is in the collection already.
     *
     * @throws IllegalArgumentException when the collection holds {@value #MAX_PAPERS} papers
     */
    public boolean add(long id, ArxivId paper) {
        String paperId = paper.withoutVersion().id();
        List<String> papers = papers(id);
        if (papers.contains(paperId)) {
            return false;
        }
        if (papers.size() >= MAX_PAPERS) {
            throw new IllegalArgumentException(
                    "A collection holds at most " + MAX_PAPERS + " papers.");
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement st =
                        c.prepareStatement(
                                "INSERT INTO collection_papers (collection_id, paper_id, position,"
                                        + " added_at) VALUES (?, ?, (SELECT COALESCE(MAX(position),"
                                        + " 0) + 1 FROM collection_papers WHERE collection_id ="
                                        + " ?), ?)")) {
            st.setLong(1, id);
            st.setString(2, paperId);
            st.setLong(3, id);
            st.setTimestamp(4, Timestamp.from(clock.instant()));
            st.executeUpdate();
            touch(c, id);
            return true;
        } catch (SQLException e) {
            if (Sql.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false; // added meanwhile from another tab
            }
            throw new CatalogException("could not add " + paperId + " to collection " + id, e);
        }
    }

    /** Takes the paper out; false when it was not in the collection. */
    public boolean remove(long id, ArxivId paper) {
        boolean removed =
                Sql.update(
                                dataSource,
                                "remove a paper from a collection",
                                "DELETE FROM collection_papers WHERE collection_id = ? AND"
                                        + " paper_id = ?",
                                id,
                                paper.withoutVersion().id())
                        > 0;
        if (removed) {
            renumber(id, papers(id));
        }
        return removed;
    }

    /**
     * Moves the paper one place up ({@code by} -1) or down (+1); false when it is not in the
     * collection or already at that end.
     */
    public boolean move(long id, ArxivId paper, int by) {
        List<String> order = new ArrayList<>(papers(id));
        int from = order.indexOf(paper.withoutVersion().id());
        int to = from + Integer.signum(by);
        if (from < 0 || to < 0 || to >= order.size()) {
            return false;
        }
        order.add(to, order.remove(from));
        renumber(id, order);
        return true;
    }

    /** Writes positions 1, 2, ... in {@code order}, in one transaction. */
    private void renumber(long id, List<String> order) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement st =
                    c.prepareStatement(
                            "UPDATE collection_papers SET position = ? WHERE collection_id = ? AND"
                                    + " paper_id = ?")) {
                for (int i = 0; i < order.size(); i++) {
                    st.setInt(1, i + 1);
                    st.setLong(2, id);
                    st.setString(3, order.get(i));
                    st.addBatch();
                }
                st.executeBatch();
                touch(c, id);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new CatalogException("could not reorder collection " + id, e);
        }
    }

    private void touch(Connection c, long id) throws SQLException {
        try (PreparedStatement st =
                c.prepareStatement("UPDATE paper_collections SET updated_at = ? WHERE id = ?")) {
            st.setTimestamp(1, Timestamp.from(clock.instant()));
            st.setLong(2, id);
            st.executeUpdate();
        }
    }

    private List<PaperCollection> query(String sql, Object... params) {
        List<PaperCollection> found = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    found.add(
                            new PaperCollection(
                                    rs.getLong(1),
                                    rs.getLong(2),
                                    rs.getString(3),
                                    rs.getString(4),
                                    rs.getString(5),
                                    rs.getBoolean(6),
                                    rs.getBoolean(7),
                                    rs.getInt(8),
                                    rs.getTimestamp(9).toInstant()));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new CatalogException("could not read collections", e);
        }
    }

    private static String name(String name) {
        String tidy = name.strip().replace('\u0000', '\ufffd').replaceAll("\\s+", " ");
        if (tidy.isEmpty()) {
            throw new IllegalArgumentException("A collection needs a name.");
        }
        if (tidy.length() > MAX_NAME) { // UTF-16 units, as H2 and a form's maxlength count
            throw new IllegalArgumentException(
                    "A collection's name may have up to " + MAX_NAME + " characters.");
        }
        return tidy;
    }

    private static String description(String description) {
        String tidy = description.strip().replace('\u0000', '\ufffd');
        if (tidy.length() > MAX_DESCRIPTION) {
            throw new IllegalArgumentException(
                    "A description may have up to " + MAX_DESCRIPTION + " characters.");
        }
        return tidy;
    }
}
