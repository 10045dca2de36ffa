package paperboy.community;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import paperboy.catalog.CatalogException;
import paperboy.catalog.Sql;
import paperboy.common.EmailAddress;
import paperboy.common.Tokens;

/**
 * Members, sign-in tokens, sessions and the audit log, in SQL. Tokens are kept as digests ({@link
 * Tokens#digest}); the raw values only ever travel in a mail or a cookie. Thread-safe.
 */
public final class Accounts {
    private final DataSource dataSource;
    private final Clock clock;
    private final AtomicReference<@Nullable Instant> lastPurge = new AtomicReference<>();

    /** With the system clock for the times it records. */
    public Accounts(DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    /**
     * @param clock the clock of the times it records (when a member joined, voted, commented)
     */
    public Accounts(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** The outcome of following a sign-in link. */
    public enum LinkStatus {
        VALID,
        UNKNOWN,
        EXPIRED,
        USED,
        /** Valid, but an admin suspended the member: no session. */
        SUSPENDED
    }

    /** A followed link: its status and, when valid, the address it was sent to. */
    public record FollowedLink(LinkStatus status, @Nullable String email) {}

    /** A signed-in browser: its member and the token its forms must carry. */
    public record SessionView(Member member, String csrfToken) {}

    /** A new session: the cookie value (shown once) and the form token. */
    public record NewSession(String cookieToken, String csrfToken) {}

    /** Stores a new single-use link token for {@code email}; returns the raw token for the mail. */
    public String createSignInToken(String email, Duration validFor, Instant now) {
        String token = Tokens.random();
        Sql.update(
                dataSource,
                "update accounts",
                "INSERT INTO signin_tokens (token_hash, email, created_at, expires_at) VALUES (?,"
                        + " ?, ?, ?)",
                Tokens.digest(token),
                EmailAddress.normalise(email),
                Timestamp.from(now),
                Timestamp.from(now.plus(validFor)));
        return token;
    }

    /**
     * Uses up a link token: valid once, before it expires. The update is conditional, so two clicks
     * racing each other cannot both sign in.
     */
    public FollowedLink followSignInLink(@Nullable String token, Instant now) {
        String hash = Tokens.digest(token == null ? "" : token);
        try (Connection c = dataSource.getConnection()) {
            String email;
            Instant expires;
            boolean used;
            try (PreparedStatement st =
                    c.prepareStatement(
                            "SELECT email, expires_at, used_at FROM signin_tokens WHERE token_hash"
                                    + " = ?")) {
                st.setString(1, hash);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        return new FollowedLink(LinkStatus.UNKNOWN, null);
                    }
                    email = rs.getString(1);
                    expires = rs.getTimestamp(2).toInstant();
                    used = rs.getTimestamp(3) != null;
                }
            }
            if (used) {
                return new FollowedLink(LinkStatus.USED, email);
            }
            if (!now.isBefore(expires)) {
                return new FollowedLink(LinkStatus.EXPIRED, email);
            }
            try (PreparedStatement st =
                    c.prepareStatement(
                            "UPDATE signin_tokens SET used_at = ? WHERE token_hash = ? AND used_at"
                                    + " IS NULL")) {
                st.setTimestamp(1, Timestamp.from(now));
                st.setString(2, hash);
                if (st.executeUpdate() != 1) {
                    return new FollowedLink(LinkStatus.USED, email);
                }
            }
            // One link used: the address's other links (asked for earlier, perhaps by somebody
            // else, and maybe still in a mailbox) are used up with it.
            try (PreparedStatement st =
                    c.prepareStatement(
                            "UPDATE signin_tokens SET used_at = ? WHERE email = ? AND used_at IS"
                                    + " NULL")) {
                st.setTimestamp(1, Timestamp.from(now));
                st.setString(2, email);
                st.executeUpdate();
            }
            return new FollowedLink(LinkStatus.VALID, email);
        } catch (SQLException e) {
            throw new CatalogException("could not check a sign-in link", e);
        }
    }

    /**
     * The member with this email, created when new with a public name made from the address (its
     * local part; "member" when that would be a reserved word; "-2", "-3" added when another member
     * shows that name in any case) until the member chooses one ({@link #chooseName}).
     */
    public Member memberFor(String email) {
        String normalised = EmailAddress.normalise(email);
        Optional<Member> known = findByEmail(normalised);
        if (known.isPresent()) {
            return known.get();
        }
        String base =
                normalised
                        .substring(0, Math.max(1, normalised.indexOf('@')))
                        .replaceAll("[^a-z0-9._-]", "");
        base = base.substring(0, Math.min(base.length(), DisplayNames.MAX_CHARS));
        // "support@" or "admin@" any domain must not make its owner look like the site's staff
        base = base.isEmpty() || DisplayNames.isReserved(base) ? "member" : base;
        for (int n = 1; ; n++) {
            String name = n == 1 ? base : base + "-" + n;
            try (Connection c = dataSource.getConnection();
                    PreparedStatement st =
                            c.prepareStatement(
                                    "INSERT INTO members (email, name, name_key, created_at)"
                                            + " VALUES (?, ?, ?, ?)",
                                    Statement.RETURN_GENERATED_KEYS)) {
                st.setString(1, normalised);
                st.setString(2, name);
                st.setString(3, DisplayNames.key(name));
                st.setTimestamp(4, Timestamp.from(clock.instant()));
                st.executeUpdate();
                return findByEmail(normalised).orElseThrow();
            } catch (SQLException e) {
                if (!Sql.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw new CatalogException("could not create member " + normalised, e);
                }
                Optional<Member> raced = findByEmail(normalised);
                if (raced.isPresent()) {
                    return raced.get(); // the same address signed up at the same moment
                }
                // the name is taken (perhaps chosen by another member, in another case): try the
                // next one
            }
        }
    }

    public Optional<Member> findByEmail(String email) {
        return findOne(
                "SELECT id, email, name, role FROM members WHERE email = ?",
                EmailAddress.normalise(email));
    }

    public Optional<Member> findByName(String name) {
        return findOne("SELECT id, email, name, role FROM members WHERE name = ?", name);
    }

    /**
     * A member's choice of public name: {@code name} as kept when {@code chosen}, else why it was
     * refused ({@code refusal}, a sentence for the member).
     */
    public record NameChoice(boolean chosen, String name, @Nullable String refusal) {
        static NameChoice refused(String name, String why) {
            return new NameChoice(false, name, why);
        }
    }

    /**
     * Makes {@code typed} (tidied by {@link DisplayNames#tidy}) the public name of {@code
     * memberId}, shown from now on wherever the member's name is, unless {@link DisplayNames}
     * refuses it or another member's name has the same {@link DisplayNames#key}. A change is
     * written in the audit log ("rename", old and new name), so that a name cannot be changed after
     * a comment without trace.
     */
    public NameChoice chooseName(long memberId, String typed) {
        String name = DisplayNames.tidy(typed);
        Optional<String> refusal = DisplayNames.refusal(name);
        if (refusal.isPresent()) {
            return NameChoice.refused(name, refusal.get());
        }
        PublicName before = publicName(memberId);
        if (before.chosen() && before.name().equals(name)) {
            return new NameChoice(true, name, null);
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement st =
                        c.prepareStatement(
                                "UPDATE members SET name = ?, name_key = ?, name_chosen = TRUE"
                                        + " WHERE id = ?")) {
            st.setString(1, name);
            st.setString(2, DisplayNames.key(name));
            st.setLong(3, memberId);
            st.executeUpdate();
        } catch (SQLException e) {
            if (Sql.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return NameChoice.refused(
                        name,
                        "“"
                                + name
                                + "” is already another member's name (names are told apart"
                                + " ignoring case). Please choose another.");
            }
            throw new CatalogException("could not change the name of member " + memberId, e);
        }
        if (!before.name().equals(name)) {
            audit(memberId, "rename", before.name() + " → " + name);
        }
        return new NameChoice(true, name, null);
    }

    /** A member's public name, and whether the member chose it (else it came from the address). */
    public record PublicName(String name, boolean chosen) {}

    public PublicName publicName(long memberId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st =
                        c.prepareStatement("SELECT name, name_chosen FROM members WHERE id = ?")) {
            st.setLong(1, memberId);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw new NoSuchElementException("there is no member " + memberId);
                }
                return new PublicName(rs.getString(1), rs.getBoolean(2));
            }
        } catch (SQLException e) {
            throw new CatalogException("could not read a member", e);
        }
    }

    /**
     * Gives {@code email} the role (creating the member when new) and writes it in the audit log,
     * under the member, with {@code how} it came ("paperboy admin grant", "admin.email"); returns
     * the member.
     */
    public Member grant(String email, Role role, String how) {
        Member m = memberFor(email);
        Sql.update(
                dataSource,
                "update accounts",
                "UPDATE members SET role = ? WHERE id = ?",
                role.key(),
                m.id());
        audit(m.id(), "granted", role.key() + " (by " + how + ")");
        return findByEmail(email).orElseThrow();
    }

    public NewSession createSession(long memberId, Duration validFor, Instant now) {
        String cookie = Tokens.random();
        String csrf = Tokens.random();
        Sql.update(
                dataSource,
                "update accounts",
                "INSERT INTO sessions (token_hash, member_id, csrf_token, created_at, expires_at)"
                        + " VALUES (?, ?, ?, ?, ?)",
                Tokens.digest(cookie),
                memberId,
                csrf,
                Timestamp.from(now),
                Timestamp.from(now.plus(validFor)));
        return new NewSession(cookie, csrf);
    }

    public Optional<SessionView> session(@Nullable String cookieToken, Instant now) {
        if (cookieToken == null || cookieToken.isBlank()) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement st =
                        c.prepareStatement(
                                "SELECT m.id, m.email, m.name, m.role, s.csrf_token FROM sessions s"
                                    + " JOIN members m ON m.id = s.member_id WHERE s.token_hash = ?"
                                    + " AND s.expires_at > ? AND m.suspended_at IS NULL AND"
                                    + " m.deleted_at IS NULL")) {
            st.setString(1, Tokens.digest(cookieToken));
            st.setTimestamp(2, Timestamp.from(now));
            try (ResultSet rs = st.executeQuery()) {
                return rs.next()
                        ? Optional.of(new SessionView(member(rs), rs.getString(5)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new CatalogException("could not read a session", e);
        }
    }

    public void endSession(@Nullable String cookieToken) {
        Sql.update(
                dataSource,
                "update accounts",
                "DELETE FROM sessions WHERE token_hash = ?",
                Tokens.digest(cookieToken == null ? "" : cookieToken));
    }

    /** Ends every session of {@code memberId}. */
    public void endSessions(long memberId) {
        Sql.update(
                dataSource,
                "end the sessions of member " + memberId,
                "DELETE FROM sessions WHERE member_id = ?",
                memberId);
    }

    /**
     * Deletes sign-in links and sessions that expired: they can never be used again, and an old
     * link's digest is all a stolen backup would need to learn who signed in when. Cheap, so it
     * runs at most once an hour per process, when a link is asked for.
     */
    public void purgeExpired(Instant now) {
        Instant last = lastPurge.get();
        if (last != null && now.isBefore(last.plus(Duration.ofHours(1)))) {
            return;
        }
        lastPurge.set(now);
        // Expired links are kept a day, so that following one says "expired", not "unknown".
        Sql.update(
                dataSource,
                "delete expired sign-in links",
                "DELETE FROM signin_tokens WHERE expires_at < ?",
                Timestamp.from(now.minus(Duration.ofDays(1))));
        Sql.update(
                dataSource,
                "delete expired sessions",
                "DELETE FROM sessions WHERE expires_at < ?",
                Timestamp.from(now));
    }

    /**
     * Suspends a member (no sign-in, no session, so no posting) or lifts it, by an admin; both go
     * to the audit log under the admin. Returns false when the member does not exist or is already
     * so.
     */
    public boolean suspend(long memberId, boolean suspended, long adminId) {
        return suspend(memberId, suspended, adminId, "");
    }

    /**
     * As {@link #suspend(long, boolean, long)}, with {@code how} added to the audit entry ("by
     * paperboy admin" when the command line did it, under the member's own entry).
     */
    public boolean suspend(long memberId, boolean suspended, long adminId, String how) {
        int changed =
                suspended
                        ? Sql.update(
                                dataSource,
                                "suspend member " + memberId,
                                "UPDATE members SET suspended_at = ? WHERE id = ? AND suspended_at"
                                        + " IS NULL AND deleted_at IS NULL",
                                Timestamp.from(clock.instant()),
                                memberId)
                        : Sql.update(
                                dataSource,
                                "lift the suspension of member " + memberId,
                                "UPDATE members SET suspended_at = NULL WHERE id = ? AND"
                                        + " suspended_at IS NOT NULL",
                                memberId);
        if (changed == 0) {
            return false;
        }
        if (suspended) {
            endSessions(memberId);
        }
        // the member's number, not their name: a name made from an address would outlive the
        // address in the log if they deleted their account
        audit(
                adminId,
                suspended ? "suspend" : "unsuspend",
                "member #" + memberId + (how.isEmpty() ? "" : " (" + how + ")"));
        return true;
    }

    /** Whether the member with {@code email} is suspended by an admin. */
    public boolean suspended(String email) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st =
                        c.prepareStatement(
                                "SELECT 1 FROM members WHERE email = ? AND suspended_at IS NOT"
                                        + " NULL")) {
            st.setString(1, EmailAddress.normalise(email));
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new CatalogException("could not read a member", e);
        }
    }

    /** A member as the admins' list shows it. */
    public record Standing(
            long id, String name, Role role, Instant joined, @Nullable Instant suspended) {}

    /** Every member who has not deleted their account, in order of joining. */
    public List<Standing> members() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st =
                        c.prepareStatement(
                                "SELECT id, name, role, created_at, suspended_at FROM members"
                                        + " WHERE deleted_at IS NULL ORDER BY id")) {
            List<Standing> members = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Timestamp suspended = rs.getTimestamp(5);
                    members.add(
                            new Standing(
                                    rs.getLong(1),
                                    rs.getString(2),
                                    Role.parse(rs.getString(3)),
                                    rs.getTimestamp(4).toInstant(),
                                    suspended == null ? null : suspended.toInstant()));
                }
            }
            return members;
        } catch (SQLException e) {
            throw new CatalogException("could not list the members", e);
        }
    }

    /**
     * Deletes a member's account at their request: their address, sessions, sign-in links,
     * subscription and its digests, their library, collections and access tokens are erased, and so
     * is every audit entry naming them; their comments are erased too when {@code removeComments},
     * else kept under "deleted member N". Their votes stay, counted without a name. The row itself
     * stays, address and name replaced, for what refers to it. One transaction: nothing of it half
     * done.
     */
    public void delete(long memberId, boolean removeComments) {
        Member member =
                findOne(
                                "SELECT id, email, name, role FROM members WHERE id ="
                                        + " CAST(? AS BIGINT) AND deleted_at IS NULL",
                                Long.toString(memberId))
                        .orElseThrow(() -> new IllegalArgumentException("no member " + memberId));
        String placeholder = "deleted member " + memberId;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (removeComments) {
                    execute(
                            c,
                            "UPDATE comments SET body = '', deleted = TRUE WHERE member_id = ?",
                            memberId);
                }
                execute(c, "DELETE FROM sessions WHERE member_id = ?", memberId);
                execute(c, "DELETE FROM access_tokens WHERE member_id = ?", memberId);
                execute(c, "DELETE FROM signin_tokens WHERE email = ?", member.email());
                execute(
                        c,
                        "DELETE FROM digest_deliveries WHERE recipient = ? OR subscription_id IN"
                                + " (SELECT id FROM subscriptions WHERE email = ?)",
                        member.email(),
                        member.email());
                execute(c, "DELETE FROM subscriptions WHERE email = ?", member.email());
                execute(c, "DELETE FROM library_papers WHERE member_id = ?", memberId);
                execute(c, "DELETE FROM not_for_me WHERE member_id = ?", memberId);
                execute(
                        c,
                        "DELETE FROM collection_papers WHERE collection_id IN (SELECT id FROM"
                                + " paper_collections WHERE member_id = ?)",
                        memberId);
                execute(c, "DELETE FROM paper_collections WHERE member_id = ?", memberId);
                // renames and grants name the member in their targets
                execute(
                        c,
                        "UPDATE audit_log SET target = ? WHERE member_id = ? AND action IN"
                                + " ('rename', 'granted')",
                        "(" + placeholder + ")",
                        memberId);
                execute(
                        c,
                        "UPDATE audit_log SET target = ? WHERE target = ?",
                        placeholder,
                        member.email());
                int deleted =
                        execute(
                                c,
                                "UPDATE members SET email = ?, name = ?, name_key = ?, name_chosen"
                                        + " = FALSE, role = 'member', suspended_at = NULL,"
                                        + " deleted_at = ? WHERE id = ? AND deleted_at IS NULL",
                                "deleted-" + memberId + "@deleted.invalid",
                                placeholder,
                                DisplayNames.key(placeholder),
                                Timestamp.from(clock.instant()),
                                memberId);
                if (deleted != 1) {
                    c.rollback(); // deleted meanwhile by another request: once is enough
                    return;
                }
                execute(
                        c,
                        "INSERT INTO audit_log (member_id, action, target, at) VALUES (?, ?, ?,"
                                + " ?)",
                        memberId,
                        "delete-account",
                        removeComments ? "comments erased" : "comments kept",
                        Timestamp.from(clock.instant()));
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new CatalogException("could not delete member " + memberId, e);
        }
    }

    private static int execute(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            return st.executeUpdate();
        }
    }

    public void audit(long memberId, String action, String target) {
        Sql.update(
                dataSource,
                "update accounts",
                "INSERT INTO audit_log (member_id, action, target, at) VALUES (?, ?, ?, ?)",
                memberId,
                action,
                target,
                Timestamp.from(clock.instant()));
    }

    /** The newest {@code limit} entries of the audit log, newest first. */
    public List<AuditEntry> auditLog(int limit) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st =
                        c.prepareStatement(
                                "SELECT a.at, m.name, a.action, a.target FROM audit_log a JOIN"
                                        + " members m ON m.id = a.member_id ORDER BY a.id DESC"
                                        + " LIMIT ?")) {
            st.setInt(1, limit);
            List<AuditEntry> entries = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    entries.add(
                            new AuditEntry(
                                    rs.getTimestamp(1).toInstant(),
                                    rs.getString(2),
                                    rs.getString(3),
                                    rs.getString(4)));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new CatalogException("could not read the audit log", e);
        }
    }

    private Optional<Member> findOne(String sql, String param) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, param);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(member(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new CatalogException("could not read a member", e);
        }
    }

    static Member member(ResultSet rs) throws SQLException {
        return new Member(
                rs.getLong(1), rs.getString(2), rs.getString(3), Role.parse(rs.getString(4)));
    }
}
