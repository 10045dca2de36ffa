package paperboy.digest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import paperboy.daily.Period;
import paperboy.mail.Mail;
import paperboy.mail.MailFailure;
import paperboy.mail.MailTransport;

/**
 * One round of digests: compose what is missing for a period into the outbox, then deliver what is
 * due. SMTP 4xx replies and connection failures are retried with exponential back-off (the wait is
 * logged); 5xx replies fail the digest and count against the subscription, which is paused after
 * {@link Subscriptions#PAUSE_AFTER_FAILURES}. Safe to run on several nodes at once.
 */
public final class DigestRound {
    private static final Logger LOG = LoggerFactory.getLogger(DigestRound.class);

    /** A sender that dies keeps its digest this long before another may take it over (default). */
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(5);

    static final int MAX_ATTEMPTS = 10;

    /** The first wait after a transient failure (connection refused, SMTP 4xx); it doubles. */
    public static final Duration FIRST_RETRY = Duration.ofMinutes(1);

    /** The longest wait between two attempts. */
    public static final Duration MAX_RETRY = Duration.ofHours(1);

    private final Subscriptions subscriptions;
    private final Outbox outbox;
    private final DigestComposer composer;
    private final MailTransport mail;
    private final String siteUrl;
    private final Clock clock;
    private final Duration firstRetry;
    private final Duration maxRetry;
    private final String node;
    private Duration lease = DEFAULT_LEASE;

    /** What a delivery pass did. */
    public record Delivered(int sent, int retrying, int failed) {}

    public DigestRound(
            Subscriptions subscriptions,
            Outbox outbox,
            DigestComposer composer,
            MailTransport mail,
            String siteUrl,
            Clock clock,
            Duration firstRetry,
            Duration maxRetry,
            String node) {
        this.subscriptions = subscriptions;
        this.outbox = outbox;
        this.composer = composer;
        this.mail = mail;
        this.siteUrl = siteUrl;
        this.clock = clock;
        this.firstRetry = firstRetry;
        this.maxRetry = maxRetry;
        this.node = node;
    }

    /**
     * How long a claim holds before another node may take the digest over; longer than an SMTP
     * exchange can last.
     */
    public DigestRound withLease(Duration newLease) {
        this.lease = newLease;
        return this;
    }

    /**
     * Composes the digests of {@code cadence} for {@code period} that are not in the outbox yet;
     * returns how many.
     */
    public int compose(Cadence cadence, Period period) {
        int added = 0;
        DigestComposer.PeriodPapers papers = composer.papersOf(period);
        for (Subscription s : subscriptions.active(cadence)) {
            if (outbox.has(s.id(), period.key())) {
                continue;
            }
            Digest d = composer.compose(s, papers, siteUrl);
            if (d.papers() == 0) {
                continue; // nothing new: no mail
            }
            if (outbox.add(s.id(), period.key(), s.email(), d, clock.instant())) {
                added++;
            }
        }
        return added;
    }

    /** Sends every digest that is due now, one claim at a time, until none is left. */
    public Delivered deliver() {
        int sent = 0;
        int retrying = 0;
        int failed = 0;
        while (true) {
            Instant now = clock.instant();
            Optional<Outbox.Delivery> claimed = outbox.claim(node, lease, now);
            if (claimed.isEmpty()) {
                return new Delivered(sent, retrying, failed);
            }
            Outbox.Delivery d = claimed.get();
            try {
                mail.send(
                        new Mail(
                                d.recipient(),
                                d.subject(),
                                d.text(),
                                d.html(),
                                Map.of(
                                        "List-Unsubscribe", "<" + d.unsubscribeUrl() + ">",
                                        "List-Unsubscribe-Post", "List-Unsubscribe=One-Click",
                                        "Auto-Submitted", "auto-generated")),
                        () -> {
                            // recorded before the mail is handed over: a crash can lose the mark's
                            // mail (never delivered), but never send the digest twice
                            if (!outbox.sent(d.id(), node, clock.instant())) {
                                throw new LeaseLost();
                            }
                        });
                subscriptions.delivered(d.subscriptionId());
                sent++;
            } catch (LeaseLost e) {
                LOG.info(
                        "digest {} to {}: taken over by another node; not sent from here",
                        d.period(),
                        d.recipient());
            } catch (MailFailure e) {
                int attempt = d.attempts() + 1;
                if (e.isTransient() && attempt < MAX_ATTEMPTS) {
                    Duration wait = backoff(attempt);
                    outbox.retryAt(
                            d.id(), node, attempt, clock.instant().plus(wait), e.getMessage());
                    LOG.warn(
                            "digest {} to {}: {}; attempt {} failed, retrying in {}",
                            d.period(),
                            d.recipient(),
                            e.getMessage(),
                            attempt,
                            wait);
                    retrying++;
                } else {
                    outbox.failed(d.id(), node, attempt, e.getMessage());
                    if (!e.isTransient()) {
                        subscriptions.permanentFailure(d.subscriptionId(), clock.instant());
                    }
                    LOG.warn(
                            "digest {} to {} failed for good after {} attempts: {}",
                            d.period(),
                            d.recipient(),
                            attempt,
                            e.getMessage());
                    failed++;
                }
            }
        }
    }

    /** This node's lease ran out and another node claimed the digest. */
    private static final class LeaseLost extends RuntimeException {
        LeaseLost() {
            super("lease lost", null, false, false);
        }
    }

    /** {@code firstRetry} doubled per earlier attempt, at most {@code maxRetry}. */
    Duration backoff(int attempt) {
        Duration wait = firstRetry;
        for (int i = 1; i < attempt && wait.compareTo(maxRetry) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxRetry) > 0 ? maxRetry : wait;
    }
}
