package paperboy.digest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import paperboy.catalog.CatalogException;
import paperboy.catalog.Sql;

/**
 * The durable outbox of digests. A digest is composed once into a row keyed by (subscription,
 * period): a second composition, by a restart or another node, hits the unique key and is dropped.
 * Delivery is claimed with a lease (a conditional update, the same on H2 and PostgreSQL): one node
 * sends a row, and a node that died mid-send leaves a lease that runs out, after which another node
 * takes the row over. The row is marked sent just before the mail is handed over for good ({@link
 * paperboy.mail.MailTransport#send(paperboy.mail.Mail, Runnable)}), so a crash at any point sends
 * it at most once, and a taken-over row at most once. Thread-safe.
 */
public final class Outbox {
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    private final DataSource dataSource;

    public Outbox(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A digest waiting to be sent. */
    public record Delivery(
            long id,
            long subscriptionId,
            String period,
            String recipient,
            String subject,
            String text,
            String html,
            String unsubscribeUrl,
            int attempts) {}

    /** Stores a composed digest; false when this (subscription, period) already has one. */
    public boolean add(
            long subscriptionId, String period, String recipient, Digest d, Instant now) {
        String sql =
                "INSERT INTO digest_deliveries (subscription_id, period, recipient, subject,"
                    + " text_body, html_body, unsubscribe_url, status, next_attempt_at) VALUES (?,"
                    + " ?, ?, ?, ?, ?, ?, 'pending', ?)";
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(sql)) {
            st.setLong(1, subscriptionId);
            st.setString(2, period);
            st.setString(3, recipient);
            st.setString(4, d.subject());
            st.setString(5, d.text());
            st.setString(6, d.html());
            st.setString(7, d.unsubscribeUrl());
            st.setTimestamp(8, stored(now));
            st.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (Sql.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false; // composed before (a restart, or another node)
            }
            throw new CatalogException(
                    "could not store the digest of subscription " + subscriptionId, e);
        }
    }

    public boolean has(long subscriptionId, String period) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st =
                        c.prepareStatement(
                                "SELECT 1 FROM digest_deliveries WHERE subscription_id = ? AND"
                                        + " period = ?")) {
            st.setLong(1, subscriptionId);
            st.setString(2, period);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new CatalogException("could not read the outbox", e);
        }
    }

    /**
     * Claims one due, unclaimed (or abandoned) digest for {@code owner} until {@code now + lease}.
     */
    public Optional<Delivery> claim(String owner, Duration lease, Instant now) {
        try (Connection c = dataSource.getConnection()) {
            List<Long> candidates = new ArrayList<>();
            try (PreparedStatement st =
                    c.prepareStatement(
                            "SELECT id FROM digest_deliveries WHERE status = 'pending' AND"
                                + " next_attempt_at <= ? AND (lease_until IS NULL OR lease_until <"
                                + " ?)"
                                    // not to an address that unsubscribed or was paused since its
                                    // digest was composed
                                    + " AND subscription_id IN (SELECT s.id FROM subscriptions s"
                                    + " WHERE s.unsubscribed_at IS NULL AND s.paused_at IS NULL)"
                                    + " ORDER BY id LIMIT 20")) {
                st.setTimestamp(1, stored(now));
                st.setTimestamp(2, stored(now));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        candidates.add(rs.getLong(1));
                    }
                }
            }
            for (long id : candidates) {
                try (PreparedStatement st =
                        c.prepareStatement(
                                "UPDATE digest_deliveries SET lease_owner = ?, lease_until = ?"
                                        + " WHERE id = ? AND status = 'pending' AND (lease_until IS"
                                        + " NULL OR lease_until < ?)")) {
                    st.setString(1, owner);
                    st.setTimestamp(2, stored(now.plus(lease)));
                    st.setLong(3, id);
                    st.setTimestamp(4, stored(now));
                    if (st.executeUpdate() == 1) {
                        return Optional.of(load(c, id));
                    }
                }
            }
            return Optional.empty();
        } catch (SQLException e) {
            throw new CatalogException("could not claim a digest", e);
        }
    }

    private static Delivery load(Connection c, long id) throws SQLException {
        try (PreparedStatement st =
                c.prepareStatement(
                        "SELECT id, subscription_id, period, recipient, subject, text_body,"
                            + " html_body, unsubscribe_url, attempts FROM digest_deliveries WHERE"
                            + " id = ?")) {
            st.setLong(1, id);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return new Delivery(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8),
                        rs.getInt(9));
            }
        }
    }

    /**
     * Records the digest as sent, if {@code owner} still holds it; false when another node took it
     * over (then this node must not send it). Called just before the mail is handed over.
     */
    public boolean sent(long id, String owner, Instant now) {
        try (Connection c = dataSource.getConnection()) {
            int marked;
            try (PreparedStatement st =
                    c.prepareStatement(
                            "UPDATE digest_deliveries SET status = 'sent', sent_at = ?, attempts ="
                                    + " attempts + 1 WHERE id = ? AND lease_owner = ? AND status ="
                                    + " 'pending'")) {
                st.setTimestamp(1, stored(now));
                st.setLong(2, id);
                st.setString(3, owner);
                marked = st.executeUpdate();
            }
            if (marked == 1 && c.getMetaData().getDatabaseProductName().equals("H2")) {
                // H2 writes commits to its file within WRITE_DELAY (500 ms); a process killed in
                // that time would forget the mark and send the digest again. CHECKPOINT writes now.
                try (Statement st = c.createStatement()) {
                    st.execute("CHECKPOINT");
                } catch (SQLException e) {
                    // the mark is committed: send the digest; only a crash in the next 500 ms could
                    // repeat it
                    LOG.warn(
                            "digest {}: marked sent, but H2 could not write the mark out at once:"
                                    + " {}",
                            id,
                            e.getMessage());
                }
            }
            return marked == 1;
        } catch (SQLException e) {
            throw new CatalogException("could not update the outbox", e);
        }
    }

    /**
     * Puts the digest back for another attempt at {@code next} (also after a {@link #sent} the
     * server then refused).
     */
    public void retryAt(long id, String owner, int attempts, Instant next, String error) {
        Sql.update(
                dataSource,
                "update the outbox",
                "UPDATE digest_deliveries SET status = 'pending', sent_at = NULL, attempts = ?,"
                    + " next_attempt_at = ?, last_error = ?, lease_owner = NULL, lease_until = NULL"
                    + " WHERE id = ? AND lease_owner = ?",
                attempts,
                stored(next),
                error,
                id,
                owner);
    }

    public void failed(long id, String owner, int attempts, String error) {
        Sql.update(
                dataSource,
                "update the outbox",
                "UPDATE digest_deliveries SET status = 'failed', sent_at = NULL, attempts = ?,"
                        + " last_error = ?, lease_owner = NULL, lease_until = NULL WHERE id = ? AND"
                        + " lease_owner = ?",
                attempts,
                error,
                id,
                owner);
    }

    /** Digests by status, for stats and tests. */
    public Map<String, Long> counts() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st =
                        c.prepareStatement(
                                "SELECT status, COUNT(*) FROM digest_deliveries GROUP BY status")) {
            Map<String, Long> counts = new TreeMap<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
            return counts;
        } catch (SQLException e) {
            throw new CatalogException("could not count the outbox", e);
        }
    }

    /**
     * A time as the database keeps it: to the microsecond, cut rather than rounded (H2 rounds), so
     * a digest stored as due "now" is due when claimed at that same "now".
     */
    private static Timestamp stored(Instant t) {
        return Timestamp.from(t.truncatedTo(ChronoUnit.MICROS));
    }
}
