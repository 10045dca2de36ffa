package paperboy.cli;

import java.time.Clock;
import java.time.Duration;
import paperboy.catalog.Database;
import paperboy.config.Settings;
import paperboy.ingest.HarvestScheduler;

/** The scheduled harvest of {@code serve}, or nothing when harvesting is off. */
final class HarvestRunner implements AutoCloseable {
    private final HarvestScheduler scheduler;

    private HarvestRunner(HarvestScheduler scheduler) {
        this.scheduler = scheduler;
    }

    static HarvestRunner forSettings(Settings settings, Database db) {
        if (!settings.harvestEnabled()) {
            return new HarvestRunner(null);
        }
        HarvestScheduler.Job job = () -> {
            throw new IllegalStateException("harvest not wired yet");
        };
        return new HarvestRunner(new HarvestScheduler(job, settings.harvestTime(), Duration.ofMinutes(15),
                Clock.systemUTC()));
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
            scheduler.close();
        }
    }
}
