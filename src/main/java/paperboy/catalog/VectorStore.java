package paperboy.catalog;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Paper embeddings, per model and paper version. Saving a vector bumps the paper's change sequence,
 * so the search index picks the vector up like any other change. Thread-safe.
 */
public final class VectorStore {
    private final DataSource dataSource;

    public VectorStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A paper waiting for its embedding: the text to embed and the version it belongs to. */
    public record Pending(ArxivId id, int version, String text) {}

    /**
     * A computed embedding. A class rather than a record: a record would compare its values by
     * identity, and nothing compares these anyway.
     */
    public static final class Vector {
        private final ArxivId id;
        private final int version;
        private final float[] values;

        /** The embedding {@code values} of {@code id} at {@code version}. */
        public Vector(ArxivId id, int version, float[] values) {
            this.id = id;
            this.version = version;
            this.values = values;
        }

        public ArxivId id() {
            return id;
        }

        public int version() {
            return version;
        }

        public float[] values() {
            return values;
        }
    }

    /**
     * Papers with no vector of {@code model} for their current version, newest first (what readers
     * look at first gets its meaning-search first).
     */
    public List<Pending> pending(String model, int limit) {
        return pending(model, null, limit);
    }

    /**
     * Papers with no vector of {@code model} for their current version, nor any of {@code unless}
     * (when given), newest first: a first pass skips papers that have a full vector, even of an
     * older version (the index prefers that one until the new version's is computed).
     */
    public List<Pending> pending(String model, @Nullable String unless, int limit) {
        try (Connection c = dataSource.getConnection()) {
            return pending(c, model, unless, limit, false);
        } catch (SQLException e) {
            throw new CatalogException("could not list papers waiting for embeddings", e);
        }
    }

    /** The pending papers, newest first; {@code unleased}: only those no process holds. */
    private static List<Pending> pending(
            Connection c, String model, @Nullable String unless, int limit, boolean unleased)
            throws SQLException {
        String sql =
                "SELECT p.id, p.version, p.title, p.abstract FROM papers p LEFT JOIN paper_vectors"
                        + " v ON v.paper_id = p.id AND v.model = ? WHERE (v.paper_id IS NULL OR"
                        + " v.version < p.version)"
                        + (unless == null
                                ? ""
                                : " AND NOT EXISTS (SELECT 1 FROM paper_vectors u WHERE"
                                        + " u.paper_id = p.id AND u.model = ?)")
                        + (unleased
                                ? " AND NOT EXISTS (SELECT 1 FROM embedding_leases l WHERE"
                                        + " l.paper_id = p.id AND l.model = ?)"
                                : "")
                        + " ORDER BY p.announced DESC, p.id DESC LIMIT ?";
        try (PreparedStatement st = c.prepareStatement(sql)) {
            int param = 1;
            st.setString(param++, model);
            if (unless != null) {
                st.setString(param++, unless);
            }
            if (unleased) {
                st.setString(param++, model);
            }
            st.setInt(param, limit);
            List<Pending> pending = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String title = rs.getString(3);
                    String abstractText = rs.getString(4);
                    pending.add(
                            new Pending(
                                    ArxivId.of(rs.getString(1)),
                                    rs.getInt(2),
                                    abstractText.isEmpty() ? title : title + ". " + abstractText));
                }
            }
            return pending;
        }
    }

    /**
     * Claims up to {@code limit} pending papers (as {@link #pending(String, String, int)} lists
     * them) that no other process holds a lease on, for {@code owner} until {@code now + lease}.
     * Expired leases (of a process that died) are dropped first, so their papers are claimed anew.
     * Claims are made one process at a time (a lock row), so no paper is claimed twice.
     */
    public List<Pending> claim(
            String model,
            @Nullable String unless,
            int limit,
            String owner,
            Duration lease,
            Instant now) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement lock =
                                c.prepareStatement(
                                        "SELECT id FROM embedding_claim_lock WHERE id = 1 FOR"
                                                + " UPDATE");
                        ResultSet rs = lock.executeQuery()) {
                    rs.next();
                }
                try (PreparedStatement expired =
                        c.prepareStatement("DELETE FROM embedding_leases WHERE until < ?")) {
                    expired.setTimestamp(1, Timestamp.from(now));
                    expired.executeUpdate();
                }
                List<Pending> pending = pending(c, model, unless, limit, true);
                try (PreparedStatement ins =
                        c.prepareStatement(
                                "INSERT INTO embedding_leases (paper_id, model, owner, until)"
                                        + " VALUES (?, ?, ?, ?)")) {
                    for (Pending p : pending) {
                        ins.setString(1, p.id().id());
                        ins.setString(2, model);
                        ins.setString(3, owner);
                        ins.setTimestamp(4, Timestamp.from(now.plus(lease)));
                        ins.addBatch();
                    }
                    ins.executeBatch();
                }
                c.commit();
                return pending;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new CatalogException("could not claim papers to embed", e);
        }
    }

    /**
     * Gives up {@code owner}'s leases on {@code papers} (embedded, or given back after a failure).
     */
    public void release(String model, List<ArxivId> papers, String owner) {
        if (papers.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement st =
                        c.prepareStatement(
                                "DELETE FROM embedding_leases WHERE paper_id = ? AND model = ? AND"
                                        + " owner = ?")) {
            for (ArxivId id : papers) {
                st.setString(1, id.id());
                st.setString(2, model);
                st.setString(3, owner);
                st.addBatch();
            }
            st.executeBatch();
        } catch (SQLException e) {
            throw new CatalogException("could not release embedding leases", e);
        }
    }

    /** How many leases each owner holds on papers to embed (for /healthz and tests). */
    public Map<String, Long> leases() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st =
                        c.prepareStatement(
                                "SELECT owner, COUNT(*) FROM embedding_leases GROUP BY owner");
                ResultSet rs = st.executeQuery()) {
            Map<String, Long> leases = new TreeMap<>();
            while (rs.next()) {
                leases.put(rs.getString(1), rs.getLong(2));
            }
            return leases;
        } catch (SQLException e) {
            throw new CatalogException("could not count embedding leases", e);
        }
    }

    /**
     * Stores vectors (replacing older ones of the model) and marks their papers changed, in one
     * transaction.
     */
    public void save(String model, List<Vector> vectors) {
        save(model, vectors, null);
    }

    /**
     * Stores vectors as {@link #save(String, List)} does, and drops the same papers' vectors of
     * {@code replacing} (a first pass's, now superseded) in the same transaction.
     */
    public void save(String model, List<Vector> vectors, @Nullable String replacing) {
        if (vectors.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                ChangeLock.acquire(c);
                try (PreparedStatement del =
                                c.prepareStatement(
                                        "DELETE FROM paper_vectors WHERE paper_id = ? AND model ="
                                                + " ?");
                        PreparedStatement ins =
                                c.prepareStatement(
                                        "INSERT INTO paper_vectors (paper_id, model, version,"
                                                + " vector) VALUES (?, ?, ?, ?)");
                        PreparedStatement touch =
                                c.prepareStatement(
                                        "UPDATE papers SET change_seq = nextval('paper_change_seq')"
                                                + " WHERE id = ?")) {
                    for (Vector v : vectors) {
                        del.setString(1, v.id().id());
                        del.setString(2, model);
                        del.addBatch();
                        if (replacing != null) {
                            del.setString(1, v.id().id());
                            del.setString(2, replacing);
                            del.addBatch();
                        }
                        ins.setString(1, v.id().id());
                        ins.setString(2, model);
                        ins.setInt(3, v.version());
                        ins.setBytes(4, toBytes(v.values()));
                        ins.addBatch();
                        touch.setString(1, v.id().id());
                        touch.addBatch();
                    }
                    del.executeBatch();
                    ins.executeBatch();
                    touch.executeBatch();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new CatalogException("could not save " + vectors.size() + " embeddings", e);
        }
    }

    /**
     * The vectors of {@code model} for these papers (any version stored); missing ones are absent.
     */
    public Map<String, float[]> load(String model, List<String> paperIds) {
        Map<String, float[]> vectors = new HashMap<>();
        try (Connection c = dataSource.getConnection()) {
            IdLookup.forEachRow(
                    c,
                    "SELECT paper_id, vector FROM paper_vectors WHERE model = ? AND paper_id IN",
                    List.of(model),
                    paperIds,
                    rs -> vectors.put(rs.getString(1), fromBytes(rs.getBytes(2))));
            return vectors;
        } catch (SQLException e) {
            throw new CatalogException("could not read embeddings", e);
        }
    }

    /** Papers whose current version has a vector of {@code model}. */
    public long embedded(String model) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st =
                        c.prepareStatement(
                                "SELECT COUNT(*) FROM paper_vectors v JOIN papers p ON p.id ="
                                    + " v.paper_id WHERE v.model = ? AND v.version >= p.version")) {
            st.setString(1, model);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new CatalogException("could not count embeddings", e);
        }
    }

    static byte[] toBytes(float[] v) {
        ByteBuffer buffer =
                ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(v);
        return buffer.array();
    }

    static float[] fromBytes(byte[] bytes) {
        float[] v = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }
}
