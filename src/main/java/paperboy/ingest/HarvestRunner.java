package paperboy.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import paperboy.config.Settings;

/** The scheduled harvest of {@code serve}, or nothing when harvesting is off. */
public final class HarvestRunner implements AutoCloseable {
    /** First retry after arXiv could not be reached; doubles up to the next daily run. */
    private static final Duration FIRST_RETRY = Duration.ofMinutes(15);

    private final @Nullable HarvestScheduler scheduler; // null when harvesting is off

    private HarvestRunner(@Nullable HarvestScheduler scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * The harvest the settings ask for: scheduled daily, or {@link #off()}.
     *
     * @param harvest the catalog's harvest through this process's arXiv clients (one polite client
     *     per process), closed by the caller
     */
    public static HarvestRunner forSettings(
            Settings settings, LeasedHarvest harvest, ArxivClients clients, Clock clock) {
        if (!settings.harvestEnabled()) {
            return off();
        }
        ArxivClients.checkCategories(settings.categories());
        HarvestScheduler.Job job =
                roundDue -> {
                    LeasedHarvest.Round round =
                            harvest.harvest(
                                    settings.categories(), clients.firstHarvestFrom(), roundDue);
                    if (round.doneAt() != null) {
                        return "already harvested at "
                                + round.doneAt()
                                + " (by this or another node)";
                    }
                    return round.reports().stream()
                            .map(r -> r.setSpec() + " +" + r.added() + "/~" + r.updated())
                            .collect(Collectors.joining(", ", "added/updated per set: ", ""));
                };
        return new HarvestRunner(
                new HarvestScheduler(job, settings.harvestTime(), FIRST_RETRY, clock));
    }

    /** A harvest that never runs (harvest.enabled=false, or a process that does not harvest). */
    public static HarvestRunner off() {
        return new HarvestRunner(null);
    }

    public void start() {
        if (scheduler != null) {
            scheduler.start();
        }
    }

    public String status() {
        return scheduler == null ? "off" : scheduler.status();
    }

    /** When the last harvest round ended well; empty while harvesting is off or before one. */
    public Optional<Instant> lastSuccess() {
        return scheduler == null ? Optional.empty() : scheduler.lastSuccess();
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.close(); // waits for a round in progress to stop; the caller then closes the
            // clients
        }
    }
}
