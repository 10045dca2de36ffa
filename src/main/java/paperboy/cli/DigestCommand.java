package paperboy.cli;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.concurrent.Callable;
import paperboy.Paperboy;
import paperboy.app.Instance;
import paperboy.config.Settings;
import paperboy.daily.Period;
import paperboy.digest.Cadence;
import paperboy.digest.Digest;
import paperboy.digest.DigestComposer;
import paperboy.digest.DigestRound;
import paperboy.digest.DigestScheduler;
import paperboy.digest.Subscription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code paperboy digest preview EMAIL | send [--dry-run]}. */
// picocli sets the injected fields (@Spec, @ParentCommand, @Mixin, required or defaulted
// options and parameters) reflectively before call(): a third-party boundary NullAway cannot see.
@SuppressWarnings("NullAway.Init")
@Command(
        name = "digest",
        mixinStandardHelpOptions = true,
        description = "Email digests: preview one, or run a round.",
        subcommands = {DigestCommand.Preview.class, DigestCommand.Send.class})
public final class DigestCommand {
    @ParentCommand Paperboy root;

    /** The period {@code serve} would compose now (see {@link DigestScheduler#duePeriod}). */
    private static Period period(Instance instance, Cadence cadence) {
        Settings settings = instance.settings();
        ZonedDateTime now = ZonedDateTime.now(settings.digestZone());
        LocalDate feedDay = instance.daily().latestAnnouncedDay().orElse(now.toLocalDate());
        return DigestScheduler.duePeriod(cadence, now, settings.digestTime(), feedDay);
    }

    // picocli sets the injected fields (@Spec, @ParentCommand, @Mixin, required or defaulted
    // options and parameters) reflectively before call(): a third-party boundary NullAway cannot
    // see.
    @SuppressWarnings("NullAway.Init")
    @Command(
            name = "preview",
            mixinStandardHelpOptions = true,
            description =
                    "Prints the digest EMAIL would get now (its subscription's choices, the period"
                            + " due now).")
    static final class Preview implements Callable<Integer> {
        @Spec private CommandSpec spec;

        @ParentCommand private DigestCommand digest;

        @Parameters(paramLabel = "EMAIL", description = "a subscriber's address")
        private String email;

        @Option(names = "--html", description = "Print the HTML part instead of the plain text.")
        private boolean html;

        @Override
        public Integer call() {
            try (Instance instance = Instance.of(digest.root.settings(Map.of()))) {
                Subscription s = instance.subscriptions().byEmail(email).orElse(null);
                if (s == null) {
                    spec.commandLine().getErr().println("paperboy: no subscription for " + email);
                    return 1;
                }
                Period period = period(instance, s.cadence());
                // A preview is only read here: without site.url its links show where serve would
                // point them.
                String baseUrl =
                        instance.publicBaseUrl()
                                .orElse("http://localhost:" + instance.settings().port());
                Digest d = instance.digestComposer().compose(s, period, baseUrl);
                if (d.papers() == 0) {
                    spec.commandLine()
                            .getOut()
                            .println(
                                    "Nothing new for "
                                            + email
                                            + " in "
                                            + period.label()
                                            + ": no digest would be sent.");
                } else {
                    spec.commandLine().getOut().println("Subject: " + d.subject());
                    spec.commandLine().getOut().println();
                    spec.commandLine().getOut().print(html ? d.html() : d.text());
                }
                if (!s.active()) {
                    spec.commandLine()
                            .getOut()
                            .println(
                                    "(the subscription is not active: "
                                            + (s.confirmedAt() == null
                                                    ? "unconfirmed"
                                                    : s.unsubscribedAt() != null
                                                            ? "unsubscribed"
                                                            : "paused")
                                            + ")");
                }
                return 0;
            }
        }
    }

    // picocli sets the injected fields (@Spec, @ParentCommand, @Mixin, required or defaulted
    // options and parameters) reflectively before call(): a third-party boundary NullAway cannot
    // see.
    @SuppressWarnings("NullAway.Init")
    @Command(
            name = "send",
            mixinStandardHelpOptions = true,
            description = {
                "Runs one round now: composes the digests of the period serve would send now (the"
                        + " latest",
                "digest.time passed) for both cadences into the outbox (each subscriber once per"
                        + " period) and",
                "delivers what is due. --dry-run only says who would get what."
            })
    static final class Send implements Callable<Integer> {
        @Spec private CommandSpec spec;

        @ParentCommand private DigestCommand digest;

        @Option(names = "--dry-run", description = "Compose and list, but store and send nothing.")
        private boolean dryRun;

        @Mixin private MailOptions mailOptions;

        @Override
        public Integer call() {
            Settings settings = digest.root.settings(mailOptions.flags());
            try (Instance instance = Instance.of(settings)) {
                String baseUrl = instance.requirePublicBaseUrl("digest send");
                if (dryRun) {
                    DigestComposer composer = instance.digestComposer();
                    for (Cadence cadence : Cadence.values()) {
                        Period period = period(instance, cadence);
                        DigestComposer.PeriodPapers papers = composer.papersOf(period);
                        for (Subscription s : instance.subscriptions().active(cadence)) {
                            Digest d = composer.compose(s, papers, baseUrl);
                            spec.commandLine()
                                    .getOut()
                                    .println(
                                            s.email()
                                                    + " ("
                                                    + cadence.key()
                                                    + ", "
                                                    + period.key()
                                                    + "): "
                                                    + (d.papers() == 0
                                                            ? "nothing new"
                                                            : d.papers() + " papers"));
                        }
                    }
                    return 0;
                }
                DigestRound round = instance.digestRound();
                for (Cadence cadence : Cadence.values()) {
                    Period period = period(instance, cadence);
                    spec.commandLine()
                            .getOut()
                            .println(
                                    cadence.key()
                                            + " "
                                            + period.key()
                                            + ": "
                                            + round.compose(cadence, period)
                                            + " composed");
                }
                DigestRound.Delivered d = round.deliver();
                spec.commandLine()
                        .getOut()
                        .println(
                                d.sent()
                                        + " sent, "
                                        + d.retrying()
                                        + " to retry, "
                                        + d.failed()
                                        + " failed ("
                                        + instance.mail().describe()
                                        + ")");
                return d.failed() > 0 ? 1 : 0;
            }
        }
    }
}
