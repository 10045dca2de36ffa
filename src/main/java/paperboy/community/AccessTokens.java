package paperboy.community;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import paperboy.catalog.CatalogException;
import paperboy.catalog.Sql;
import paperboy.common.Tokens;

/**
 * Personal access tokens: a member's scripts, reference managers and assistants act as the member
 * through the API and {@code /mcp}, sending one as {@code Authorization: Bearer}. A token is shown
 * once, when issued; the catalog keeps its SHA-256 digest and its first characters (to tell tokens
 * apart in the list). Revoking deletes it. A suspended or deleted member's tokens stop working at
 * once (they are checked against the member's standing on every use). Thread-safe.
 */
public final class AccessTokens {
    /** Every token starts so: a secret scanner (GitHub's, say) and a person can tell it. */
    public static final String PREFIX = "pbt_";

    /** Tokens a member may hold: enough for every device and script, bounded. */
    public static final int MAX_PER_MEMBER = 20;

    /** Characters of a token kept to show in the list: the prefix and four more. */
    static final int SHOWN = PREFIX.length() + 4;

    /** How often a token's "last used" is written: not on every request of a busy script. */
    static final Duration USE_RESOLUTION = Duration.ofMinutes(1);

    public static final int MAX_NAME = 100;

    private final DataSource dataSource;
    private final Clock clock;

    public AccessTokens(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** The token of an {@code Authorization: Bearer <token>} header (RFC 6750), or null. */
    public static @Nullable String bearer(@Nullable String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).strip()
                : null;
    }

    /** A token as its member's list shows it; never the token itself. */
    public record Listed(
            long id, String name, String shown, Instant created, @Nullable Instant lastUsed) {}

    /** A token just issued: {@code token} is shown this once. */
    public record Issued(long id, String name, String token) {}

    /**
     * Issues a token named {@code name} (trimmed; 1 to {@value #MAX_NAME} characters).
     *
     * @throws IllegalArgumentException with a message for the member when the name is empty or too
     *     long, or the member holds {@value #MAX_PER_MEMBER} tokens already
     */
    public Issued issue(long memberId, String name) {
        String tidy = name.strip().replace('\u0000', '\ufffd').replaceAll("\\s+", " ");
        if (tidy.isEmpty()) {
            throw new IllegalArgumentException(
                    "Name the token after what will use it, e.g. “Zotero on my laptop”.");
        }
        if (tidy.length() > MAX_NAME) {
            throw new IllegalArgumentException(
                    "A token's name may have up to " + MAX_NAME + " characters.");
        }
        if (list(memberId).size() >= MAX_PER_MEMBER) {
            throw new IllegalArgumentException(
                    "You hold "
                            + MAX_PER_MEMBER
                            + " tokens, the most one member may: revoke one you no longer use.");
        }
        String token = PREFIX + Tokens.random();
        try (Connection c = dataSource.getConnection();
                PreparedStatement st =
                        c.prepareStatement(
                                "INSERT INTO access_tokens (member_id, name, token_hash, shown,"
                                        + " created_at) VALUES (?, ?, ?, ?, ?)",
                                new String[] {"id"})) {
            st.setLong(1, memberId);
            st.setString(2, tidy);
            st.setString(3, Tokens.digest(token));
            st.setString(4, token.substring(0, SHOWN));
            st.setTimestamp(5, Timestamp.from(clock.instant()));
            st.executeUpdate();
            try (ResultSet keys = st.getGeneratedKeys()) {
                keys.next();
                return new Issued(keys.getLong(1), tidy, token);
            }
        } catch (SQLException e) {
            throw new CatalogException("could not issue a token to member " + memberId, e);
        }
    }

    /** The member's tokens, newest first. */
    public List<Listed> list(long memberId) {
        List<Listed> tokens = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement st =
                        c.prepareStatement(
                                "SELECT id, name, shown, created_at, last_used_at FROM"
                                        + " access_tokens WHERE member_id = ? ORDER BY id DESC")) {
            st.setLong(1, memberId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Timestamp used = rs.getTimestamp(5);
                    tokens.add(
                            new Listed(
                                    rs.getLong(1),
                                    rs.getString(2),
                                    rs.getString(3),
                                    rs.getTimestamp(4).toInstant(),
                                    used == null ? null : used.toInstant()));
                }
            }
            return tokens;
        } catch (SQLException e) {
            throw new CatalogException("could not list the tokens of member " + memberId, e);
        }
    }

    /** Revokes the member's token {@code id}; false when they hold no such token. */
    public boolean revoke(long memberId, long id) {
        return Sql.update(
                        dataSource,
                        "revoke a token",
                        "DELETE FROM access_tokens WHERE id = ? AND member_id = ?",
                        id,
                        memberId)
                > 0;
    }

    /**
     * The member a token stands for, when it is a live token of a member in good standing; notes
     * its use.
     */
    public Optional<Member> member(@Nullable String token) {
        if (token == null || !token.startsWith(PREFIX) || token.length() > 200) {
            return Optional.empty();
        }
        String digest = Tokens.digest(token);
        try (Connection c = dataSource.getConnection()) {
            Member member;
            Timestamp used;
            try (PreparedStatement st =
                    c.prepareStatement(
                            "SELECT m.id, m.email, m.name, m.role, t.last_used_at FROM"
                                    + " access_tokens t JOIN members m ON m.id = t.member_id WHERE"
                                    + " t.token_hash = ? AND m.suspended_at IS NULL AND"
                                    + " m.deleted_at IS NULL")) {
                st.setString(1, digest);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    member = Accounts.member(rs);
                    used = rs.getTimestamp(5);
                }
            }
            Instant now = clock.instant();
            if (used == null || used.toInstant().plus(USE_RESOLUTION).isBefore(now)) {
                try (PreparedStatement st =
                        c.prepareStatement(
                                "UPDATE access_tokens SET last_used_at = ? WHERE token_hash = ?")) {
                    st.setTimestamp(1, Timestamp.from(now));
                    st.setString(2, digest);
                    st.executeUpdate();
                }
            }
            return Optional.of(member);
        } catch (SQLException e) {
            throw new CatalogException("could not check an access token", e);
        }
    }
}
