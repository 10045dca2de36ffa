package paperboy.portability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import paperboy.catalog.CatalogException;
import paperboy.common.Tokens;

/**
 * The community's data as JSON lines, so an instance's members can always leave with it: the first
 * line names the format and its version ({@value #FORMAT}), then one line per row of the
 * community's tables, parents first. In it: members (address, public name, role, standing), the
 * feed entries (submissions, featured and hidden papers), upvotes, comments with their hidden and
 * deleted state, the audit log, digest subscriptions, the members' libraries and collections. Not
 * in it: sessions, sign-in links and the digest outbox (mail already composed), and the
 * subscriptions' link secrets unless asked for ({@code --with-secrets}, for a move between two
 * instances of one operator, so that links in mail already sent keep working); without them each
 * subscription gets a new secret on import.
 *
 * <p>Rows keep their ids, so what refers to them (a comment's author, a vote's member) stays right,
 * and the tables' id sequences are moved past them after an import.
 */
public final class CommunityExport {
    /** The first line's {@code format}; {@code paperboy import} tells an export by it. */
    public static final String FORMAT = "paperboy-community";

    public static final int VERSION = 1;

    /** The community's tables, parents first, and whether each has a generated id. */
    private static final Map<String, Boolean> TABLES = tables();

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;

    public CommunityExport(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    private static Map<String, Boolean> tables() {
        Map<String, Boolean> tables = new LinkedHashMap<>();
        tables.put("members", true);
        tables.put("feed_entries", false);
        tables.put("upvotes", false);
        tables.put("comments", true);
        tables.put("audit_log", true);
        tables.put("subscriptions", true);
        tables.put("library_papers", false);
        tables.put("paper_collections", true);
        tables.put("collection_papers", false);
        tables.put("not_for_me", false);
        return tables;
    }

    /** How many rows of each table were written or read. */
    public record Counts(Map<String, Long> rows, boolean secrets) {
        /** "3 members, 2 feed_entries, ..." for a command's report. */
        public String describe() {
            List<String> parts = new ArrayList<>();
            rows.forEach((table, n) -> parts.add(n + " " + table));
            return String.join(", ", parts)
                    + (secrets ? "; subscription link secrets included" : "");
        }
    }

    /** Writes the export to {@code out}; {@code withSecrets} keeps the subscriptions' secrets. */
    public Counts write(Writer out, boolean withSecrets, Instant now) throws IOException {
        Map<String, Long> counts = new LinkedHashMap<>();
        ObjectNode head = JSON.createObjectNode();
        head.put("format", FORMAT);
        head.put("version", VERSION);
        head.put("exported", now.toString());
        head.put("secrets", withSecrets);
        out.write(JSON.writeValueAsString(head));
        out.write('\n');
        try (Connection c = dataSource.getConnection()) {
            // one snapshot: a vote cast meanwhile is in the export with its member or not at all
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            for (String table : TABLES.keySet()) {
                long n = 0;
                try (Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery("SELECT * FROM " + table + " ORDER BY 1")) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        ObjectNode row = JSON.createObjectNode();
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            String column = meta.getColumnLabel(i).toLowerCase(Locale.ROOT);
                            if (table.equals("subscriptions")
                                    && column.equals("secret")
                                    && !withSecrets) {
                                continue;
                            }
                            put(row, column, rs, i, meta.getColumnType(i));
                        }
                        ObjectNode line = JSON.createObjectNode();
                        line.put("table", table);
                        line.set("row", row);
                        out.write(JSON.writeValueAsString(line));
                        out.write('\n');
                        n++;
                    }
                }
                counts.put(table, n);
            }
            c.commit();
        } catch (SQLException e) {
            throw new CatalogException("could not export the community's data", e);
        }
        return new Counts(counts, withSecrets);
    }

    private static void put(ObjectNode row, String column, ResultSet rs, int i, int type)
            throws SQLException {
        switch (type) {
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> {
                Timestamp t = rs.getTimestamp(i);
                row.put(column, t == null ? null : t.toInstant().toString());
            }
            case Types.DATE -> {
                java.sql.Date d = rs.getDate(i);
                row.put(column, d == null ? null : d.toLocalDate().toString());
            }
            case Types.BOOLEAN, Types.BIT -> {
                boolean b = rs.getBoolean(i);
                row.put(column, rs.wasNull() ? null : b);
            }
            case Types.BIGINT, Types.INTEGER, Types.SMALLINT -> {
                long n = rs.getLong(i);
                if (rs.wasNull()) {
                    row.putNull(column);
                } else {
                    row.put(column, n);
                }
            }
            default -> row.put(column, rs.getString(i));
        }
    }

    /** Whether {@code firstLine} is the head of an export. */
    public static boolean isExport(String firstLine) {
        try {
            JsonNode head = JSON.readTree(firstLine);
            return head != null && FORMAT.equals(head.path("format").asText(null));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Reads an export into this catalog, in one transaction: all of it or, on any error, nothing.
     *
     * @throws RefusedException when the catalog already has community data (an import would mix two
     *     communities' ids), or the export is of another format version or has columns this catalog
     *     lacks (made by a newer Paperboy)
     */
    public Counts read(BufferedReader in, String source) throws IOException {
        String first = in.readLine();
        JsonNode head = first == null ? null : JSON.readTree(first);
        if (head == null || !FORMAT.equals(head.path("format").asText(null))) {
            throw new RefusedException(source + " is not a community export of Paperboy");
        }
        if (head.path("version").asInt() != VERSION) {
            throw new RefusedException(
                    source
                            + " is a community export of format version "
                            + head.path("version").asText()
                            + "; this Paperboy reads version "
                            + VERSION);
        }
        boolean secrets = head.path("secrets").asBoolean(false);
        Map<String, Long> counts = new LinkedHashMap<>();
        TABLES.keySet().forEach(t -> counts.put(t, 0L));
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                refuseWhenNotEmpty(c);
                Map<String, Map<String, Integer>> columns = new TreeMap<>();
                for (String table : TABLES.keySet()) {
                    columns.put(table, columnTypes(c, table));
                }
                String line;
                int number = 1;
                while ((line = in.readLine()) != null) {
                    number++;
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode record = JSON.readTree(line);
                    String table = record.path("table").asText("");
                    Map<String, Integer> types = columns.get(table);
                    if (types == null) {
                        throw new RefusedException(
                                source + ":" + number + ": no community table '" + table + "'");
                    }
                    insert(c, table, record.path("row"), types, secrets, source + ":" + number);
                    counts.merge(table, 1L, Long::sum);
                }
                for (Map.Entry<String, Boolean> t : TABLES.entrySet()) {
                    if (t.getValue()) {
                        moveIdsPast(c, t.getKey());
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException | IOException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new CatalogException(
                    "could not import the community's data from " + source + ": " + e.getMessage(),
                    e);
        }
        return new Counts(counts, secrets);
    }

    private static void refuseWhenNotEmpty(Connection c) throws SQLException {
        for (String table : TABLES.keySet()) {
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
                rs.next();
                long n = rs.getLong(1);
                if (n > 0) {
                    throw new RefusedException(
                            "this catalog already has community data ("
                                    + n
                                    + " rows in "
                                    + table
                                    + "): a community export goes into a catalog without one;"
                                    + " nothing was changed");
                }
            }
        }
    }

    private static Map<String, Integer> columnTypes(Connection c, String table)
            throws SQLException {
        Map<String, Integer> types = new LinkedHashMap<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            ResultSetMetaData meta = rs.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                types.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), meta.getColumnType(i));
            }
        }
        return types;
    }

    private static void insert(
            Connection c,
            String table,
            JsonNode row,
            Map<String, Integer> types,
            boolean secrets,
            String where)
            throws SQLException {
        List<String> names = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : row.properties()) {
            if (table.equals("subscriptions") && field.getKey().equals("secret") && !secrets) {
                continue; // the head says the secrets were left out: a new one is made below
            }
            Integer type = types.get(field.getKey());
            if (type == null) {
                throw new RefusedException(
                        where
                                + ": "
                                + table
                                + " has no column '"
                                + field.getKey()
                                + "' here (an export of a newer Paperboy?); nothing was changed");
            }
            names.add(field.getKey());
            values.add(value(field.getValue(), type));
        }
        if (table.equals("subscriptions") && (!secrets || !names.contains("secret"))) {
            names.add("secret");
            values.add(Tokens.random()); // links in mail sent before the move stop working
        }
        String sql =
                "INSERT INTO "
                        + table
                        + " ("
                        + String.join(", ", names)
                        + ") VALUES ("
                        + String.join(", ", names.stream().map(n -> "?").toList())
                        + ")";
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < values.size(); i++) {
                st.setObject(i + 1, values.get(i));
            }
            st.executeUpdate();
        }
    }

    private static @Nullable Object value(JsonNode node, int type) {
        if (node.isNull()) {
            return null;
        }
        return switch (type) {
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE ->
                    Timestamp.from(Instant.parse(node.asText()));
            case Types.DATE -> java.sql.Date.valueOf(LocalDate.parse(node.asText()));
            case Types.BOOLEAN, Types.BIT -> node.asBoolean();
            case Types.BIGINT -> node.asLong();
            case Types.INTEGER, Types.SMALLINT -> node.asInt();
            default -> node.asText();
        };
    }

    /** The next generated id follows the highest imported one (H2 and PostgreSQL alike). */
    private static void moveIdsPast(Connection c, String table) throws SQLException {
        long max;
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(id), 0) FROM " + table)) {
            rs.next();
            max = rs.getLong(1);
        }
        try (Statement st = c.createStatement()) {
            st.execute("ALTER TABLE " + table + " ALTER COLUMN id RESTART WITH " + (max + 1));
        }
    }

    /** An export that cannot be read into this catalog; the message says why. */
    public static final class RefusedException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        RefusedException(String message) {
            super(message);
        }
    }
}
