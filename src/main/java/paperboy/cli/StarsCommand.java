package paperboy.cli;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import paperboy.Paperboy;
import paperboy.app.Instance;
import paperboy.catalog.JobLeases;
import paperboy.github.StarsRound;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code paperboy stars}: reads the GitHub stars of every linked repository, now. */
// picocli sets the injected fields (@Spec, @ParentCommand, @Mixin, required or defaulted
// options and parameters) reflectively before call(): a third-party boundary NullAway cannot see.
@SuppressWarnings("NullAway.Init")
@Command(
        name = "stars",
        mixinStandardHelpOptions = true,
        description = {
            "Reads the stars of every GitHub repository papers link to (their code URLs and code"
                    + " links) from the",
            "GitHub REST API (github.api-url; github.token for 5,000 requests an hour instead of"
                    + " 60), the way GitHub",
            "asks: conditional requests with the stored ETag (an unchanged repository costs no"
                    + " quota with a token), its rate",
            "limit honoured (waits for the reset, up to 15 min), renamed repositories followed,"
                    + " deleted ones noted.",
            "Stars are kept per day: cards, paper pages and the API show them, and \"Hot on"
                    + " GitHub\" ranks papers",
            "by stars gained in 7 days. serve does this daily (github.stars); one process of a"
                    + " catalog at a time.",
            "Exit code: 0 done, 1 another process is reading them, or the round stopped early"
                    + " (GitHub unreachable or its limit far off)."
        })
public final class StarsCommand implements Callable<Integer> {
    @Spec private CommandSpec spec;
    @ParentCommand private Paperboy root;

    @Override
    public Integer call() throws InterruptedException {
        try (Instance instance = Instance.of(root.settings(Map.of()))) {
            JobLeases leases = instance.jobLeases();
            Optional<JobLeases.Lease> claimed =
                    leases.claim(StarsRound.JOB, instance.node(), StarsRound.LEASE);
            if (claimed.isEmpty()) {
                spec.commandLine()
                        .getErr()
                        .println(
                                "paperboy: another process is reading the stars ("
                                        + leases.holder(StarsRound.JOB)
                                                .map(h -> h.owner() + ", until " + h.until())
                                                .orElse("just now")
                                        + "); run again after it.");
                return 1;
            }
            try (JobLeases.Lease lease = claimed.get()) {
                StarsRound.Report report = instance.starsRound().run(lease);
                spec.commandLine().getOut().println(report.summary());
                if (report.stopped() != null) {
                    return 1;
                }
                lease.complete();
                return 0;
            }
        }
    }
}
