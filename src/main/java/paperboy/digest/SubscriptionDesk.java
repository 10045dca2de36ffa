package paperboy.digest;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
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
 * Takes subscriptions from the site with double opt-in: nothing is sent to an address but a
 * confirmation until its owner follows the link. Asking again for a confirmed address mails that
 * address its manage link instead (so nobody can change a stranger's subscription, and the page
 * says the same either way). Limited per address and per client, so nobody can use Paperboy to
 * mail-bomb a stranger. Thread-safe.
 */
public final class SubscriptionDesk {
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionDesk.class);
    public static final int PER_ADDRESS_PER_HOUR = 3;
    public static final int PER_CLIENT_PER_HOUR = 10;

    private final Subscriptions subscriptions;
    private final AllowedDomains allowed;
    private final MailTransport mail;
    private final Clock clock;
    private final Limit perAddress;
    private final RateLimiter perClient;

    public enum Result {
        SENT,
        INVALID_ADDRESS,
        TOO_MANY_FOR_ADDRESS,
        TOO_MANY_FROM_CLIENT,
        MAIL_FAILED,
        /** Outside {@code community.allowed-domains}: nothing stored, no mail sent. */
        NOT_ALLOWED
    }

    public SubscriptionDesk(Subscriptions subscriptions, MailTransport mail, Clock clock) {
        this(subscriptions, mail, clock, AllowedDomains.any());
    }

    /**
     * @param allowed the addresses that may subscribe ({@code community.allowed-domains})
     */
    public SubscriptionDesk(
            Subscriptions subscriptions, MailTransport mail, Clock clock, AllowedDomains allowed) {
        this(
                subscriptions,
                mail,
                clock,
                allowed,
                new RateLimiter(PER_ADDRESS_PER_HOUR, Duration.ofHours(1), clock));
    }

    /**
     * @param perAddress the confirmation mails per address ({@link #PER_ADDRESS_PER_HOUR} an hour):
     *     with several nodes, one counted in the catalog ({@code SharedRateLimiter})
     */
    public SubscriptionDesk(
            Subscriptions subscriptions,
            MailTransport mail,
            Clock clock,
            AllowedDomains allowed,
            Limit perAddress) {
        this.allowed = allowed;
        this.subscriptions = subscriptions;
        this.mail = mail;
        this.clock = clock;
        this.perAddress = perAddress;
        this.perClient = new RateLimiter(PER_CLIENT_PER_HOUR, Duration.ofHours(1), clock);
    }

    /** Whose addresses may subscribe. */
    public AllowedDomains allowed() {
        return allowed;
    }

    public Result subscribe(
            @Nullable String email,
            Subscriptions.Preferences preferences,
            String siteUrl,
            String client) {
        if (email == null || !EmailAddress.isValid(email)) {
            return Result.INVALID_ADDRESS;
        }
        if (!allowed.allows(email)) {
            return Result.NOT_ALLOWED;
        }
        if (!perClient.tryAcquire(client)) {
            return Result.TOO_MANY_FROM_CLIENT;
        }
        if (!perAddress.tryAcquire(email.strip().toLowerCase(Locale.ROOT))) {
            return Result.TOO_MANY_FOR_ADDRESS;
        }
        Subscription s = subscriptions.subscribe(email, preferences, clock.instant());
        DigestLinks links = new DigestLinks(siteUrl);
        Mail message =
                s.active()
                        ? Mail.plain(
                                s.email(),
                                "Your Paperboy digest",
                                "You are subscribed to Paperboy's "
                                        + s.cadence().key()
                                        + " digest. To change or stop it, use this link:\n\n"
                                        + links.url(DigestLinks.Purpose.MANAGE, s)
                                        + "\n")
                        : Mail.plain(
                                s.email(),
                                "Confirm your Paperboy digest",
                                "Someone (we hope you) asked for Paperboy's "
                                        + s.cadence().key()
                                        + " digest at this address. To start it, confirm here:\n\n"
                                        + links.url(DigestLinks.Purpose.CONFIRM, s)
                                        + "\n\n"
                                        + "If it was not you, ignore this mail: nothing will be"
                                        + " sent.\n");
        try {
            mail.send(message);
            return Result.SENT;
        } catch (MailFailure e) {
            LOG.warn("subscription mail to {} not sent: {}", s.email(), e.getMessage());
            return Result.MAIL_FAILED;
        }
    }
}
