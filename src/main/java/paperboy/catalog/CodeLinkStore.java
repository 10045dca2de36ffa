package paperboy.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Code repository links from outside the papers. Adding a link bumps its paper's change sequence,
 * so the search index learns the paper now has code. Thread-safe.
 */
public final class CodeLinkStore {
    private final DataSource dataSource;

    public CodeLinkStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Adds or updates links in one transaction.
     *
     * @return the outcome of each link, in the order given ({@link UpsertOutcome#UPDATED} when only
     *     the official flag changed)
     */
    public List<UpsertOutcome> upsert(List<CodeLink> links) {
        if (links.isEmpty()) {
            return List.of();
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                ChangeLock.acquire(c);
                Map<String, Boolean> known = readOfficialFlags(c, links);
                Map<String, CodeLink> inserts = new LinkedHashMap<>();
                Map<String, CodeLink> updates = new LinkedHashMap<>();
                List<UpsertOutcome> outcomes = new ArrayList<>(links.size());
                for (CodeLink link : links) {
                    String key = key(link);
                    Boolean official = known.get(key);
                    if (official == null) {
                        outcomes.add(UpsertOutcome.ADDED);
                        inserts.put(key, link);
                    } else if (official != link.official()) {
                        outcomes.add(UpsertOutcome.UPDATED);
                        if (inserts.containsKey(key)) {
                            inserts.put(key, link);
                        } else {
                            updates.put(key, link);
                        }
                    } else {
                        outcomes.add(UpsertOutcome.UNCHANGED);
                    }
                    known.put(key, link.official());
                }
                write(
                        c,
                        "INSERT INTO code_links (official, source, paper_id, repo_url) VALUES (?,"
                                + " ?, ?, ?)",
                        inserts);
                write(
                        c,
                        "UPDATE code_links SET official = ?, source = ? WHERE paper_id = ? AND"
                                + " repo_url = ?",
                        updates);
                touchPapers(c, inserts, updates);
                c.commit();
                return outcomes;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new CatalogException("could not write " + links.size() + " code links", e);
        }
    }

    private static String key(CodeLink link) {
        return link.paperId().id() + " " + link.repoUrl();
    }

    private static Map<String, Boolean> readOfficialFlags(Connection c, List<CodeLink> links)
            throws SQLException {
        List<String> ids = links.stream().map(l -> l.paperId().id()).distinct().toList();
        Map<String, Boolean> known = new HashMap<>();
        IdLookup.forEachRow(
                c,
                "SELECT paper_id, repo_url, official FROM code_links WHERE paper_id IN",
                List.of(),
                ids,
                rs -> known.put(rs.getString(1) + " " + rs.getString(2), rs.getBoolean(3)));
        return known;
    }

    private static void write(Connection c, String sql, Map<String, CodeLink> links)
            throws SQLException {
        if (links.isEmpty()) {
            return;
        }
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (CodeLink link : links.values()) {
                st.setBoolean(1, link.official());
                st.setString(2, link.source());
                st.setString(3, link.paperId().id());
                st.setString(4, link.repoUrl());
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    private static void touchPapers(
            Connection c, Map<String, CodeLink> inserts, Map<String, CodeLink> updates)
            throws SQLException {
        List<String> ids = new ArrayList<>();
        inserts.values().forEach(l -> ids.add(l.paperId().id()));
        updates.values().forEach(l -> ids.add(l.paperId().id()));
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement st =
                c.prepareStatement(
                        "UPDATE papers SET change_seq = nextval('paper_change_seq') WHERE id ="
                                + " ?")) {
            for (String id : ids.stream().distinct().toList()) {
                st.setString(1, id);
                st.addBatch();
            }
            st.executeBatch();
        }
    }
}
