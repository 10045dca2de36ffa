package paperboy.cli;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import paperboy.catalog.CatalogStore;
import paperboy.catalog.Database;
import paperboy.catalog.HarvestCheckpoints;
import paperboy.config.Settings;
import paperboy.ingest.arxiv.ArxivApiClient;
import paperboy.ingest.arxiv.ArxivListingClient;
import paperboy.ingest.arxiv.HarvestReport;
import paperboy.ingest.arxiv.OaiPmhHarvester;
import paperboy.ingest.arxiv.PoliteHttpClient;

/**
 * The arXiv clients of one process, wired from the settings. They share one polite HTTP client,
 * because arXiv's rate limit counts all its interfaces together. Close it once.
 */
final class ArxivClients implements AutoCloseable {
    private final Settings settings;
    private final PoliteHttpClient http;
    final OaiPmhHarvester harvester;
    final ArxivApiClient api;
    final ArxivListingClient listings;

    ArxivClients(Settings settings, Database db) {
        this.settings = settings;
        Duration backoffMax = settings.arxivBackoff().multipliedBy(16);
        this.http = new PoliteHttpClient(new PoliteHttpClient.Settings(settings.userAgent(), settings.arxivMinInterval(),
                settings.arxivMaxAttempts(), settings.arxivBackoff(), backoffMax, Duration.ofMinutes(10)));
        this.harvester = new OaiPmhHarvester(http, new CatalogStore(db.dataSource()),
                new HarvestCheckpoints(db.dataSource()), settings.oaiUrl(),
                OaiPmhHarvester.Format.ofPrefix(settings.oaiFormat()));
        this.api = new ArxivApiClient(http, settings.apiUrl());
        this.listings = new ArxivListingClient(http, settings.rssUrl());
    }

    /**
     * Harvests each configured category in turn (incremental after the first run).
     *
     * @throws paperboy.ingest.arxiv.ArxivUnavailableException at the first category arXiv does not
     *         answer for; the ones before are stored and checkpointed
     */
    List<HarvestReport> harvestCategories(List<String> categories, LocalDate firstFrom) {
        List<HarvestReport> reports = new ArrayList<>();
        for (String category : categories) {
            reports.add(harvester.harvest(category, firstFrom));
        }
        return reports;
    }

    /** Where a set's first harvest starts: the configured date, else a week ago. */
    LocalDate firstHarvestFrom() {
        return settings.harvestFirstFrom() != null ? settings.harvestFirstFrom() : LocalDate.now().minusDays(7);
    }

    @Override
    public void close() {
        http.close();
    }
}
