package paperboy.community;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import paperboy.common.AllowedDomains;
import paperboy.common.EmailAddress;
import paperboy.common.Limit;
import paperboy.common.RateLimiter;
import paperboy.mail.Mail;
import paperboy.mail.MailFailure;
import paperboy.mail.MailTransport;

/**
 * Passwordless sign-in: a single-use link, valid for {@link #LINK_VALID_FOR}, is mailed to the
 * address; following it starts a session. Mails are rate-limited per address and per client
 * address, so nobody can use Paperboy to flood a stranger's inbox. Thread-safe.
 */
public final class SignIn {
    private static final Logger LOG = LoggerFactory.getLogger(SignIn.class);
    public static final Duration LINK_VALID_FOR = Duration.ofMinutes(15);
    public static final Duration SESSION_VALID_FOR = Duration.ofDays(30);
    public static final int MAILS_PER_ADDRESS_PER_HOUR = 3;
    public static final int MAILS_PER_CLIENT_PER_HOUR = 10;

    private final Accounts accounts;
    private final AllowedDomains allowed;
    private final MailTransport mail;
    private final String adminEmail;
    private final Clock clock;
    private final Limit perAddress;
    private final RateLimiter perClient;

    /** What became of a sign-in request. */
    public enum Requested {
        SENT,
        INVALID_ADDRESS,
        TOO_MANY_FOR_ADDRESS,
        TOO_MANY_FROM_CLIENT,
        MAIL_FAILED,
        /** Outside {@code community.allowed-domains}: no mail is sent. */
        NOT_ALLOWED
    }

    public SignIn(Accounts accounts, MailTransport mail, String adminEmail, Clock clock) {
        this(accounts, mail, adminEmail, clock, MAILS_PER_CLIENT_PER_HOUR);
    }

    /** With another limit per client address (a test suite signs everyone in from 127.0.0.1). */
    public SignIn(
            Accounts accounts,
            MailTransport mail,
            String adminEmail,
            Clock clock,
            int mailsPerClientPerHour) {
        this(accounts, mail, adminEmail, clock, mailsPerClientPerHour, AllowedDomains.any());
    }

    /**
     * @param allowed the addresses that may sign in ({@code community.allowed-domains}); the
     *     configured admin's too, whatever its domain
     */
    public SignIn(
            Accounts accounts,
            MailTransport mail,
            String adminEmail,
            Clock clock,
            int mailsPerClientPerHour,
            AllowedDomains allowed) {
        this(
                accounts,
                mail,
                adminEmail,
                clock,
                mailsPerClientPerHour,
                allowed,
                new RateLimiter(MAILS_PER_ADDRESS_PER_HOUR, Duration.ofHours(1), clock));
    }

    /**
     * @param perAddress the mails per address ({@link #MAILS_PER_ADDRESS_PER_HOUR} an hour): with
     *     several nodes, one counted in the catalog ({@code SharedRateLimiter})
     */
    public SignIn(
            Accounts accounts,
            MailTransport mail,
            String adminEmail,
            Clock clock,
            int mailsPerClientPerHour,
            AllowedDomains allowed,
            Limit perAddress) {
        this.allowed = allowed;
        this.accounts = accounts;
        this.mail = mail;
        this.adminEmail = adminEmail == null ? "" : EmailAddress.normalise(adminEmail);
        this.clock = clock;
        this.perAddress = perAddress;
        this.perClient = new RateLimiter(mailsPerClientPerHour, Duration.ofHours(1), clock);
    }

    /**
     * Mails a sign-in link to {@code email}.
     *
     * @param siteUrl the site's base URL, for the link
     * @param client the requesting client's address, for the rate limit
     */
    public Requested request(@Nullable String email, String siteUrl, String client) {
        return request(email, siteUrl, client, null);
    }

    /**
     * Mails a sign-in link to {@code email} that comes back to {@code returnTo} (a path on this
     * site; the web layer checks it again when the link is followed, since a link can be edited).
     */
    public Requested request(
            @Nullable String email, String siteUrl, String client, @Nullable String returnTo) {
        if (email == null || !EmailAddress.isValid(email)) {
            return Requested.INVALID_ADDRESS;
        }
        String address = EmailAddress.normalise(email);
        if (!allowed.allows(address) && !address.equals(adminEmail)) {
            return Requested.NOT_ALLOWED;
        }
        if (!perClient.tryAcquire(client)) {
            return Requested.TOO_MANY_FROM_CLIENT;
        }
        if (!perAddress.tryAcquire(address)) {
            return Requested.TOO_MANY_FOR_ADDRESS;
        }
        accounts.purgeExpired(clock.instant());
        String token = accounts.createSignInToken(address, LINK_VALID_FOR, clock.instant());
        String link =
                siteUrl
                        + "/signin/verify?token="
                        + token
                        + (returnTo == null
                                ? ""
                                : "&next=" + URLEncoder.encode(returnTo, StandardCharsets.UTF_8));
        String text =
                "Follow this link to sign in to Paperboy:\n\n"
                        + link
                        + "\n\n"
                        + "It works once, within "
                        + LINK_VALID_FOR.toMinutes()
                        + " minutes. If you did not ask to sign in,"
                        + " ignore this mail: nothing happens without the link.\n";
        try {
            mail.send(Mail.plain(address, "Your Paperboy sign-in link", text));
            return Requested.SENT;
        } catch (MailFailure e) {
            LOG.warn("sign-in mail to {} not sent: {}", address, e.getMessage());
            return Requested.MAIL_FAILED;
        }
    }

    /** A followed link: a new session, or why there is none. */
    public record Followed(
            Accounts.LinkStatus status,
            @Nullable Member member,
            Accounts.@Nullable NewSession session) {}

    /**
     * Follows the sign-in link with {@code token} (null when the link had none): a session when it
     * is valid.
     */
    public Followed follow(@Nullable String token) {
        Accounts.FollowedLink link = accounts.followSignInLink(token, clock.instant());
        if (link.status() != Accounts.LinkStatus.VALID) {
            return new Followed(link.status(), null, null);
        }
        String email = Objects.requireNonNull(link.email(), "a valid link names its address");
        if (accounts.suspended(email)) {
            return new Followed(Accounts.LinkStatus.SUSPENDED, null, null);
        }
        Member member = accounts.memberFor(email);
        if (!adminEmail.isEmpty()
                && adminEmail.equals(member.email())
                && member.role() != Role.ADMIN) {
            member =
                    accounts.grant(
                            member.email(),
                            Role.ADMIN,
                            "admin.email"); // the configured first admin
        }
        return new Followed(
                link.status(),
                member,
                accounts.createSession(member.id(), SESSION_VALID_FOR, clock.instant()));
    }

    /** Whose addresses may sign in. */
    public AllowedDomains allowed() {
        return allowed;
    }

    /**
     * The session of {@code cookie}; none for an address outside {@code community.allowed-domains}
     * (a session from before the domains were closed ends with it).
     */
    public Optional<Accounts.SessionView> session(@Nullable String cookie) {
        return accounts.session(cookie, clock.instant())
                .filter(
                        s ->
                                allowed.allows(s.member().email())
                                        || s.member().email().equals(adminEmail));
    }

    public void signOut(@Nullable String cookie) {
        accounts.endSession(cookie);
    }

    /** Ends every session of {@code memberId} ("sign out everywhere"). */
    public void signOutEverywhere(long memberId) {
        accounts.endSessions(memberId);
    }
}
