package paperboy.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import paperboy.catalog.CatalogStore;
import paperboy.catalog.HarvestCheckpoints;
import paperboy.config.Settings;
import paperboy.config.SettingsException;
import paperboy.ingest.arxiv.ArxivApiClient;
import paperboy.ingest.arxiv.ArxivListingClient;
import paperboy.ingest.arxiv.HarvestReport;
import paperboy.ingest.arxiv.OaiPmhHarvester;
import paperboy.ingest.arxiv.PoliteHttpClient;

/**
 * The arXiv clients of one process, wired from the settings. They share one polite HTTP client,
 * because arXiv's rate limit counts all its interfaces together. Close it once.
 */
public final class ArxivClients implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ArxivClients.class);

    /** arXiv asks for at least this much time between requests. */
    static final Duration ARXIV_MIN_INTERVAL = Duration.ofSeconds(3);

    /** The longest back-off, as a multiple of the first. */
    static final int BACKOFF_MAX_FACTOR = 16;

    /** The longest wait a Retry-After may ask for before the request is given up. */
    static final Duration RETRY_AFTER_MAX = Duration.ofMinutes(10);

    private final Settings settings;
    private final Clock clock;
    private final PoliteHttpClient http;
    public final OaiPmhHarvester harvester;
    public final ArxivApiClient api;
    public final ArxivListingClient listings;

    public ArxivClients(
            Settings settings, CatalogStore catalog, HarvestCheckpoints checkpoints, Clock clock) {
        this.clock = clock;
        this.settings = settings;
        if (settings.arxivMinInterval().compareTo(ARXIV_MIN_INTERVAL) < 0
                && settings.oaiUrl().getHost() != null
                && settings.oaiUrl().getHost().endsWith("arxiv.org")) {
            LOG.warn(
                    "arxiv.min-interval is {}: arXiv's terms ask for at least 3 s between requests",
                    settings.arxivMinInterval());
        }
        Duration backoffMax = settings.arxivBackoff().multipliedBy(BACKOFF_MAX_FACTOR);
        this.http =
                new PoliteHttpClient(
                        new PoliteHttpClient.Settings(
                                settings.userAgent(),
                                settings.arxivMinInterval(),
                                settings.arxivMaxAttempts(),
                                settings.arxivBackoff(),
                                backoffMax,
                                RETRY_AFTER_MAX));
        this.harvester =
                new OaiPmhHarvester(
                        http,
                        catalog,
                        checkpoints,
                        settings.oaiUrl(),
                        OaiPmhHarvester.Format.ofPrefix(settings.oaiFormat()));
        this.api = new ArxivApiClient(http, settings.apiUrl());
        this.listings = new ArxivListingClient(http, settings.rssUrl());
    }

    /**
     * Harvests each configured category in turn (incremental after the first run).
     *
     * @throws paperboy.ingest.arxiv.ArxivUnavailableException at the first category arXiv does not
     *     answer for; the ones before are stored and checkpointed
     */
    public List<HarvestReport> harvestCategories(List<String> categories, LocalDate firstFrom) {
        return harvestCategories(categories, firstFrom, () -> {});
    }

    /**
     * {@link #harvestCategories(List, LocalDate)}, calling {@code afterEachPage} once each page is
     * stored (to renew a lease; an exception it throws stops the harvest there).
     */
    public List<HarvestReport> harvestCategories(
            List<String> categories, LocalDate firstFrom, Runnable afterEachPage) {
        checkCategories(categories);
        List<HarvestReport> reports = new ArrayList<>();
        for (String category : categories) {
            reports.add(harvester.harvest(category, firstFrom, page -> afterEachPage.run()));
        }
        return reports;
    }

    /**
     * Fails fast on a mistyped category, before any request: otherwise a scheduled harvest would
     * retry it for ever.
     *
     * @throws SettingsException naming the category and the accepted forms
     */
    public static void checkCategories(List<String> categories) {
        if (categories.isEmpty()) {
            throw new SettingsException(
                    "harvest.categories is empty: name at least one arXiv category, e.g. cs.LG");
        }
        for (String category : categories) {
            try {
                OaiPmhHarvester.setSpecOf(category);
            } catch (IllegalArgumentException e) {
                throw new SettingsException("invalid harvest category: " + e.getMessage());
            }
        }
    }

    /** Where a set's first harvest starts: the configured date, else a week ago. */
    public LocalDate firstHarvestFrom() {
        return settings.harvestFirstFrom() != null
                ? settings.harvestFirstFrom()
                : LocalDate.now(clock).minusDays(7);
    }

    @Override
    public void close() {
        http.close();
    }
}
