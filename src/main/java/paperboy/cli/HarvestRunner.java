package paperboy.cli;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import paperboy.catalog.Database;
import paperboy.config.Settings;
import paperboy.ingest.HarvestScheduler;
import paperboy.ingest.arxiv.HarvestReport;

/** The scheduled harvest of {@code serve}, or nothing when harvesting is off. */
final class HarvestRunner implements AutoCloseable {
    /** First retry after arXiv could not be reached; doubles up to the next daily run. */
    private static final Duration FIRST_RETRY = Duration.ofMinutes(15);

    private final ArxivClients clients;
    private final HarvestScheduler scheduler;

    private HarvestRunner(ArxivClients clients, HarvestScheduler scheduler) {
        this.clients = clients;
        this.scheduler = scheduler;
    }

    /** @param clients the process's arXiv clients (one polite client per process), closed by the caller */
    static HarvestRunner forSettings(Settings settings, ArxivClients clients) {
        if (!settings.harvestEnabled()) {
            return new HarvestRunner(null, null);
        }
        ArxivClients.checkCategories(settings.categories());
        HarvestScheduler.Job job = () -> {
            List<HarvestReport> reports = clients.harvestCategories(settings.categories(), clients.firstHarvestFrom());
            return reports.stream().map(r -> r.setSpec() + " +" + r.added() + "/~" + r.updated())
                    .collect(Collectors.joining(", ", "added/updated per set: ", ""));
        };
        return new HarvestRunner(clients, new HarvestScheduler(job, settings.harvestTime(), FIRST_RETRY, Clock.systemUTC()));
    }

    void start() {
        if (scheduler != null) {
            scheduler.start();
        }
    }

    String status() {
        return scheduler == null ? "off" : scheduler.status();
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.close(); // waits for a round in progress to stop; the caller then closes the clients
        }
    }
}
