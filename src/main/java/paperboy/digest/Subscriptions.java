package paperboy.digest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import paperboy.catalog.CatalogException;
import paperboy.catalog.Categories;
import paperboy.catalog.Sql;
import paperboy.common.EmailAddress;
import paperboy.common.Tokens;

/** The subscriptions table. Thread-safe. */
public final class Subscriptions {
    private static final String COLUMNS =
            "id, email, cadence, trending_top, alerts, categories, secret, confirmed_at,"
                    + " unsubscribed_at, paused_at, recommended";

    /** Consecutive permanent failures (SMTP 5xx) after which a subscription is paused. */
    public static final int PAUSE_AFTER_FAILURES = 3;

    private final DataSource dataSource;

    public Subscriptions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Longest saved search kept: an alert is a topic, not a document. */
    public static final int MAX_ALERT_CHARS = 200;

    /**
     * What a subscriber asked for.
     *
     * @param recommended a member's "Recommended for you" part (on unless turned off)
     */
    public record Preferences(
            Cadence cadence,
            int trendingTop,
            List<String> alerts,
            List<String> categories,
            boolean recommended) {
        /** With the "Recommended for you" part, as subscriptions start. */
        public Preferences(
                Cadence cadence, int trendingTop, List<String> alerts, List<String> categories) {
            this(cadence, trendingTop, alerts, categories, true);
        }

        /**
         * An alert as kept: stripped, at most {@link #MAX_ALERT_CHARS}, quotes balanced, so the
         * period's dates that the composer appends are never swallowed into an open phrase.
         */
        static String alert(String text) {
            String a = text.strip();
            a = a.length() > MAX_ALERT_CHARS ? a.substring(0, MAX_ALERT_CHARS).strip() : a;
            return a.chars().filter(c -> c == '"').count() % 2 == 1 ? a.replace("\"", "") : a;
        }

        public Preferences {
            alerts =
                    alerts.stream()
                            .map(Preferences::alert)
                            .filter(a -> !a.isEmpty())
                            .distinct()
                            .limit(20)
                            .toList();
            categories =
                    categories.stream()
                            .map(String::strip)
                            .filter(c -> !c.isEmpty())
                            .distinct()
                            .limit(20)
                            .toList();
            for (String category : categories) {
                if (!Categories.looksValid(category)) {
                    throw new IllegalArgumentException(
                            "'" + category + "' is not an arXiv category such as cs.LG or math.NA");
                }
            }
            if (trendingTop < 0 || trendingTop > 50) {
                throw new IllegalArgumentException(
                        "trending papers must be from 0 to 50, not " + trendingTop);
            }
            if (trendingTop == 0 && alerts.isEmpty() && categories.isEmpty()) {
                throw new IllegalArgumentException(
                        "choose the trending papers, a topic alert or a category");
            }
        }
    }

    /**
     * Records a new, unconfirmed subscription, or gives an unconfirmed or unsubscribed one the new
     * preferences, to be confirmed again. A paused one waits for a new confirmation with its own
     * preferences; an active one is left alone (only its owner changes it, by the manage link).
     */
    public Subscription subscribe(String email, Preferences p, Instant now) {
        String address = EmailAddress.normalise(email);
        Optional<Subscription> known = byEmail(address);
        if (known.isPresent() && known.get().active()) {
            return known.get();
        }
        if (known.isPresent()
                && known.get().pausedAt() != null
                && known.get().unsubscribedAt() == null) {
            // paused after failed mail: a confirmation resumes it, with the choices it had (whoever
            // asked cannot overwrite them; the manage link changes them)
            Sql.update(
                    dataSource,
                    "change subscriptions",
                    "UPDATE subscriptions SET confirmed_at = NULL, paused_at = NULL,"
                            + " permanent_failures = 0 WHERE id = ?",
                    known.get().id());
        } else if (known.isPresent()) {
            // unconfirmed or unsubscribed: the new choices start over with a confirmation
            Sql.update(
                    dataSource,
                    "change subscriptions",
                    "UPDATE subscriptions SET cadence = ?, trending_top = ?, alerts = ?, categories"
                            + " = ?, recommended = ?, confirmed_at = NULL, unsubscribed_at = NULL,"
                            + " paused_at = NULL, permanent_failures = 0 WHERE id = ?",
                    p.cadence().key(),
                    p.trendingTop(),
                    String.join("\n", p.alerts()),
                    String.join(" ", p.categories()),
                    p.recommended(),
                    known.get().id());
        } else {
            try {
                Sql.update(
                        dataSource,
                        "change subscriptions",
                        "INSERT INTO subscriptions (email, cadence, trending_top, alerts,"
                                + " categories, recommended, secret, created_at) VALUES (?, ?, ?,"
                                + " ?, ?, ?, ?, ?)",
                        address,
                        p.cadence().key(),
                        p.trendingTop(),
                        String.join("\n", p.alerts()),
                        String.join(" ", p.categories()),
                        p.recommended(),
                        Tokens.random(),
                        Timestamp.from(now));
            } catch (CatalogException e) {
                if (byEmail(address).isEmpty()) {
                    throw e;
                } // the same address subscribed at the same moment: use that row
            }
        }
        return byEmail(address).orElseThrow();
    }

    /** Changes the preferences of a subscription (through its manage link). */
    public void change(long id, Preferences p) {
        Sql.update(
                dataSource,
                "change subscriptions",
                "UPDATE subscriptions SET cadence = ?, trending_top = ?, alerts = ?, categories ="
                        + " ?, recommended = ?, paused_at = NULL, permanent_failures = 0 WHERE id ="
                        + " ?",
                p.cadence().key(),
                p.trendingTop(),
                String.join("\n", p.alerts()),
                String.join(" ", p.categories()),
                p.recommended(),
                id);
    }

    public void confirm(long id, Instant now) {
        Sql.update(
                dataSource,
                "change subscriptions",
                "UPDATE subscriptions SET confirmed_at = ?, unsubscribed_at = NULL WHERE id = ? AND"
                        + " confirmed_at IS NULL",
                Timestamp.from(now),
                id);
    }

    public void unsubscribe(long id, Instant now) {
        Sql.update(
                dataSource,
                "change subscriptions",
                "UPDATE subscriptions SET unsubscribed_at = ? WHERE id = ? AND unsubscribed_at IS"
                        + " NULL",
                Timestamp.from(now),
                id);
    }

    /**
     * Starts a stopped subscription again with the choices it had, as its owner asks through its
     * manage link (which only its address received): it was confirmed once, so it needs no new
     * confirmation. True when it changed.
     */
    public boolean resume(long id) {
        return Sql.update(
                        dataSource,
                        "change subscriptions",
                        "UPDATE subscriptions SET unsubscribed_at = NULL WHERE id = ? AND"
                                + " unsubscribed_at IS NOT NULL AND confirmed_at IS NOT NULL",
                        id)
                > 0;
    }

    /**
     * Counts a permanent delivery failure; pauses the subscription at {@link
     * #PAUSE_AFTER_FAILURES}.
     */
    public void permanentFailure(long id, Instant now) {
        Sql.update(
                dataSource,
                "change subscriptions",
                "UPDATE subscriptions SET permanent_failures = permanent_failures + 1 WHERE id = ?",
                id);
        Sql.update(
                dataSource,
                "change subscriptions",
                "UPDATE subscriptions SET paused_at = ? WHERE id = ? AND permanent_failures >= ?"
                        + " AND paused_at IS NULL",
                Timestamp.from(now),
                id,
                PAUSE_AFTER_FAILURES);
    }

    /** A delivered digest clears the failure count. */
    public void delivered(long id) {
        Sql.update(
                dataSource,
                "change subscriptions",
                "UPDATE subscriptions SET permanent_failures = 0 WHERE id = ? AND"
                        + " permanent_failures > 0",
                id);
    }

    public Optional<Subscription> byId(long id) {
        List<Subscription> found =
                query("SELECT " + COLUMNS + " FROM subscriptions WHERE id = ?", id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    public Optional<Subscription> byEmail(String email) {
        List<Subscription> found =
                query(
                        "SELECT " + COLUMNS + " FROM subscriptions WHERE email = ?",
                        EmailAddress.normalise(email));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    /** Confirmed, not unsubscribed, not paused subscriptions of {@code cadence}, by id. */
    public List<Subscription> active(Cadence cadence) {
        return query(
                "SELECT "
                        + COLUMNS
                        + " FROM subscriptions WHERE cadence = ? AND confirmed_at IS NOT NULL"
                        + " AND unsubscribed_at IS NULL AND paused_at IS NULL ORDER BY id",
                cadence.key());
    }

    private List<Subscription> query(String sql, Object param) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(sql)) {
            st.setObject(1, param);
            List<Subscription> subs = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String alerts = rs.getString(5);
                    String categories = rs.getString(6);
                    subs.add(
                            new Subscription(
                                    rs.getLong(1),
                                    rs.getString(2),
                                    Cadence.parse(rs.getString(3)),
                                    rs.getInt(4),
                                    alerts.isEmpty() ? List.of() : List.of(alerts.split("\n")),
                                    categories.isEmpty()
                                            ? List.of()
                                            : Arrays.asList(categories.split(" ")),
                                    rs.getBoolean(11),
                                    rs.getString(7),
                                    instant(rs.getTimestamp(8)),
                                    instant(rs.getTimestamp(9)),
                                    instant(rs.getTimestamp(10))));
                }
            }
            return subs;
        } catch (SQLException e) {
            throw new CatalogException("could not read subscriptions", e);
        }
    }

    private static @Nullable Instant instant(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
