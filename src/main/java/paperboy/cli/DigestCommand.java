package paperboy.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.concurrent.Callable;
import paperboy.Paperboy;
import paperboy.catalog.CatalogStore;
import paperboy.catalog.Database;
import paperboy.config.Settings;
import paperboy.daily.DailyPapers;
import paperboy.daily.Period;
import paperboy.digest.Cadence;
import paperboy.digest.Digest;
import paperboy.digest.DigestComposer;
import paperboy.digest.DigestRound;
import paperboy.digest.DigestScheduler;
import paperboy.digest.Outbox;
import paperboy.digest.Subscription;
import paperboy.digest.Subscriptions;
import paperboy.mail.MailTransport;
import paperboy.mail.OutboxTransport;
import paperboy.mail.SmtpTransport;
import paperboy.search.PaperSearch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code paperboy digest preview EMAIL | send [--dry-run]}. */
@Command(name = "digest", mixinStandardHelpOptions = true, description = "Email digests: preview one, or run a round.",
        subcommands = {DigestCommand.Preview.class, DigestCommand.Send.class})
public final class DigestCommand {
    @ParentCommand
    Paperboy root;

    /** Everything a digest needs, opened from the settings. */
    private record Parts(Settings settings, Database db, PaperSearch search, Subscriptions subscriptions,
                         DigestComposer composer, DailyPapers daily, String siteUrl) implements AutoCloseable {
        static Parts open(Settings settings) {
            Database db = Catalog.open(settings);
            PaperSearch search = SearchIndexes.openAndCatchUp(settings, db);
            CatalogStore catalog = new CatalogStore(db.dataSource());
            DailyPapers daily = new DailyPapers(db.dataSource(), catalog);
            String siteUrl = settings.siteUrl().isEmpty() ? "http://localhost:" + settings.port() : settings.siteUrl();
            return new Parts(settings, db, search, new Subscriptions(db.dataSource()),
                    new DigestComposer(catalog, daily, search), daily, siteUrl);
        }

        /** The period {@code serve} would compose now (see {@link DigestScheduler#duePeriod}). */
        Period period(Cadence cadence) {
            ZonedDateTime now = ZonedDateTime.now(settings.digestZone());
            LocalDate feedDay = daily.latestAnnouncedDay().orElse(now.toLocalDate());
            return DigestScheduler.duePeriod(cadence, now, settings.digestTime(), feedDay);
        }

        @Override
        public void close() {
            search.close();
            db.close();
        }
    }

    @Command(name = "preview", mixinStandardHelpOptions = true,
            description = "Prints the digest EMAIL would get now (its subscription's choices, the period due now).")
    static final class Preview implements Callable<Integer> {
        @ParentCommand
        private DigestCommand digest;

        @Parameters(paramLabel = "EMAIL", description = "a subscriber's address")
        private String email;

        @Option(names = "--html", description = "Print the HTML part instead of the plain text.")
        private boolean html;

        @Override
        public Integer call() {
            try (Parts parts = Parts.open(digest.root.settings(Map.of()))) {
                Subscription s = parts.subscriptions().byEmail(email).orElse(null);
                if (s == null) {
                    System.err.println("paperboy: no subscription for " + email);
                    return 1;
                }
                Period period = parts.period(s.cadence());
                Digest d = parts.composer().compose(s, period, parts.siteUrl());
                if (d.papers() == 0) {
                    System.out.println("Nothing new for " + email + " in " + period.label() + ": no digest would be sent.");
                } else {
                    System.out.println("Subject: " + d.subject());
                    System.out.println();
                    System.out.print(html ? d.html() : d.text());
                }
                if (!s.active()) {
                    System.out.println("(the subscription is not active: " + (s.confirmedAt() == null ? "unconfirmed"
                            : s.unsubscribedAt() != null ? "unsubscribed" : "paused") + ")");
                }
                return 0;
            }
        }
    }

    @Command(name = "send", mixinStandardHelpOptions = true,
            description = {"Runs one round now: composes the digests of the period serve would send now (the latest",
                "digest.time passed) for both cadences into the outbox (each subscriber once per period) and",
                "delivers what is due. --dry-run only says who would get what."})
    static final class Send implements Callable<Integer> {
        @ParentCommand
        private DigestCommand digest;

        @Option(names = "--dry-run", description = "Compose and list, but store and send nothing.")
        private boolean dryRun;

        @Mixin
        private MailOptions mailOptions;

        @Override
        public Integer call() {
            Settings settings = digest.root.settings(mailOptions.flags());
            try (Parts parts = Parts.open(settings)) {
                if (dryRun) {
                    for (Cadence cadence : Cadence.values()) {
                        Period period = parts.period(cadence);
                        DigestComposer.PeriodPapers papers = parts.composer().papersOf(period);
                        for (Subscription s : parts.subscriptions().active(cadence)) {
                            Digest d = parts.composer().compose(s, papers, parts.siteUrl());
                            System.out.println(s.email() + " (" + cadence.key() + ", " + period.key() + "): "
                                    + (d.papers() == 0 ? "nothing new" : d.papers() + " papers"));
                        }
                    }
                    return 0;
                }
                MailTransport mail = settings.mail().smtpConfigured() ? new SmtpTransport(settings.mail())
                        : new OutboxTransport(settings.dataDir().resolve("outbox"), settings.mail().from());
                DigestRound round = new DigestRound(parts.subscriptions(), new Outbox(parts.db().dataSource()), parts.composer(),
                        mail, parts.siteUrl(), Clock.systemUTC(), Duration.ofMinutes(1), Duration.ofHours(1), Nodes.name())
                .withLease(settings.digestLease());
                for (Cadence cadence : Cadence.values()) {
                    Period period = parts.period(cadence);
                    System.out.println(cadence.key() + " " + period.key() + ": " + round.compose(cadence, period) + " composed");
                }
                DigestRound.Delivered d = round.deliver();
                System.out.println(d.sent() + " sent, " + d.retrying() + " to retry, " + d.failed() + " failed (" + mail.describe() + ")");
                return d.failed() > 0 ? 1 : 0;
            }
        }
    }
}
