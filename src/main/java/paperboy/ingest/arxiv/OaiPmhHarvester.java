package paperboy.ingest.arxiv;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import paperboy.catalog.CatalogStore;
import paperboy.catalog.HarvestCheckpoint;
import paperboy.catalog.HarvestCheckpoints;
import paperboy.catalog.Paper;

/**
 * Incremental harvest of arXiv's OAI-PMH {@code ListRecords} into the catalog, resumable after a
 * crash at any point.
 *
 * <p>Each set has a checkpoint named {@code oai:<setSpec>} (see {@link #checkpointName}). A run
 * asks from the checkpoint's {@code completedUntil} (or, for a first harvest, the date the caller
 * gives); after each page it writes the page's papers to the catalog and then saves the next page's
 * resumption token, so a process killed between pages continues at the next page. When arXiv no
 * longer knows the token ({@code badResumptionToken}: tokens live about a day) the run restarts
 * from its from-date, once per call. At the end {@code completedUntil} becomes the latest datestamp
 * seen (never earlier than the run's from-date) and the token is cleared. The next run asks from
 * that date again, inclusive: records of that day come twice and count as unchanged, which is the
 * price of missing none.
 *
 * <p>Deleted records are counted and skipped; unusable records are counted with the reason and the
 * harvest goes on; {@code noRecordsMatch} means nothing new.
 *
 * <p>Thread-safe: harvests through one instance run one at a time (the HTTP client would serialise
 * them anyway). Two processes must not harvest the same set at once; they would share its
 * checkpoint.
 */
public final class OaiPmhHarvester {
    private static final Logger LOG = LoggerFactory.getLogger(OaiPmhHarvester.class);

    /** arXiv's OAI-PMH endpoint since March 2025. */
    public static final URI DEFAULT_BASE_URL = URI.create("https://oaipmh.arxiv.org/oai");

    /** The metadata formats the harvester reads. */
    public enum Format {
        /** Full version history: the version number and v1's date are exact. The default. */
        ARXIV_RAW("arXivRaw"),
        /** Structured author names, but no version number: papers get version 1. */
        ARXIV("arXiv");

        // The mappers are stateless, so one of each serves every harvest. Not fields of the
        // constants: an enum's state should be immutable, and nothing declares a mapper so.
        private static final MetadataMapper ARXIV_RAW_MAPPER = new ArxivRawMapper();
        private static final MetadataMapper ARXIV_MAPPER = new ArxivFormatMapper();

        private final String metadataPrefix;

        Format(String metadataPrefix) {
            this.metadataPrefix = metadataPrefix;
        }

        /** The mapper that reads this format's metadata element. */
        MetadataMapper mapper() {
            return switch (this) {
                case ARXIV_RAW -> ARXIV_RAW_MAPPER;
                case ARXIV -> ARXIV_MAPPER;
            };
        }

        /** The OAI-PMH {@code metadataPrefix}. */
        public String metadataPrefix() {
            return metadataPrefix;
        }

        /** The format with this {@code metadataPrefix} ({@code arXivRaw}, {@code arXiv}). */
        public static Format ofPrefix(String prefix) {
            for (Format f : values()) {
                if (f.metadataPrefix.equals(prefix)) {
                    return f;
                }
            }
            throw new IllegalArgumentException(
                    "unsupported OAI-PMH metadata format '" + prefix + "'; use arXivRaw or arXiv");
        }
    }

    private final PoliteHttpClient http;
    private final CatalogStore catalog;
    private final HarvestCheckpoints checkpoints;
    private final URI baseUrl;
    private final Format format;
    private final ReentrantLock running = new ReentrantLock();

    /** Harvests {@code arXivRaw} from {@link #DEFAULT_BASE_URL}. */
    public OaiPmhHarvester(
            PoliteHttpClient http, CatalogStore catalog, HarvestCheckpoints checkpoints) {
        this(http, catalog, checkpoints, DEFAULT_BASE_URL, Format.ARXIV_RAW);
    }

    public OaiPmhHarvester(
            PoliteHttpClient http,
            CatalogStore catalog,
            HarvestCheckpoints checkpoints,
            URI baseUrl,
            Format format) {
        this.http = Objects.requireNonNull(http, "http");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.format = Objects.requireNonNull(format, "format");
    }

    /**
     * The OAI-PMH set for a category ({@code cs.LG} → {@code cs:cs:LG}), a group ({@code cs}), a
     * physics archive ({@code hep-th} → {@code physics:hep-th}) or a set spec given verbatim.
     *
     * @throws IllegalArgumentException when the text is none of these
     */
    public static String setSpecOf(String categoryOrSet) {
        return OaiSets.setSpec(categoryOrSet);
    }

    /** The name of the checkpoint of a category's or set's harvest, e.g. {@code oai:cs:cs:LG}. */
    public static String checkpointName(String categoryOrSet) {
        return "oai:" + OaiSets.setSpec(categoryOrSet);
    }

    /**
     * Harvests one set: continues a run in progress, or asks for everything changed since the last
     * completed run.
     *
     * @param categoryOrSet a category, group, archive or set spec (see {@link #setSpecOf})
     * @param firstHarvestFrom where a first harvest of this set starts; ignored once the set has a
     *     checkpoint; {@code null} to take the whole set
     * @throws ArxivUnavailableException when arXiv cannot be reached; the checkpoint keeps the last
     *     complete page, so calling again continues from there
     * @throws ArxivResponseException when arXiv answers with an OAI-PMH error (an unknown set, say)
     *     or unreadable XML
     * @throws paperboy.catalog.CatalogException when the catalog cannot be written
     */
    public HarvestReport harvest(String categoryOrSet, LocalDate firstHarvestFrom) {
        return harvest(categoryOrSet, firstHarvestFrom, soFar -> {});
    }

    /**
     * {@link #harvest(String, LocalDate)}, telling {@code afterEachPage} the running counts once
     * each page is stored (for a progress display; its {@code completedUntil} is {@code null} until
     * the end). The listener runs on the harvesting thread and should return quickly.
     */
    public HarvestReport harvest(
            String categoryOrSet,
            LocalDate firstHarvestFrom,
            Consumer<HarvestReport> afterEachPage) {
        String setSpec = OaiSets.setSpec(categoryOrSet);
        Objects.requireNonNull(afterEachPage, "afterEachPage");
        running.lock();
        try {
            return harvestSet(setSpec, firstHarvestFrom, afterEachPage);
        } finally {
            running.unlock();
        }
    }

    private HarvestReport harvestSet(
            String setSpec, LocalDate firstHarvestFrom, Consumer<HarvestReport> afterEachPage) {
        String name = "oai:" + setSpec;
        HarvestCheckpoint checkpoint = checkpoints.load(name);
        LocalDate runFrom;
        URI next;
        if (checkpoint.runInProgress()) {
            runFrom =
                    checkpoint.runFrom() != null
                            ? checkpoint.runFrom()
                            : startOf(checkpoint, firstHarvestFrom);
            next = resumeUri(checkpoint.resumptionToken());
            LOG.info(
                    "Harvest {}: continuing the run from {} at its stored resumption token",
                    setSpec,
                    runFrom);
        } else {
            runFrom = startOf(checkpoint, firstHarvestFrom);
            next = listUri(setSpec, runFrom);
            LOG.info(
                    "Harvest {} ({}): records changed since {}",
                    setSpec,
                    format.metadataPrefix(),
                    runFrom == null ? "the beginning" : runFrom);
        }
        HarvestTally tally = new HarvestTally(setSpec);
        boolean restarted = false;
        while (next != null) {
            URI asked = next;
            OaiPage page = OaiPage.parse(http.get(asked), asked);
            next = null;
            if (page.isError()) {
                if (OaiPage.NO_RECORDS_MATCH.equals(page.errorCode())) {
                    LOG.info("Harvest {}: no records changed since {}", setSpec, runFrom);
                } else if (OaiPage.BAD_RESUMPTION_TOKEN.equals(page.errorCode())
                        && isResumption(asked)
                        && !restarted) {
                    // The token expired (a run killed yesterday, say): the from-date still knows
                    // the way.
                    LOG.warn(
                            "Harvest {}: arXiv no longer knows the resumption token ({});"
                                    + " restarting from {}",
                            setSpec,
                            page.errorMessage(),
                            runFrom);
                    restarted = true;
                    next = listUri(setSpec, runFrom);
                } else {
                    throw new ArxivResponseException(
                            asked,
                            "OAI-PMH error " + page.errorCode() + ": " + page.errorMessage(),
                            page.errorCode(),
                            null);
                }
                continue;
            }
            tally.page();
            importPage(page, tally);
            HarvestReport soFar = tally.report(null);
            LOG.info(
                    "Harvest {}: page {} stored, {} of {} records read",
                    setSpec,
                    soFar.pages(),
                    soFar.records(),
                    page.completeListSize() < 0 ? "?" : page.completeListSize());
            afterEachPage.accept(soFar);
            if (page.resumptionToken() != null) {
                if (asked.equals(resumeUri(page.resumptionToken()))) {
                    // Following it would ask for the same page forever.
                    throw new ArxivResponseException(
                            asked, "the page names itself as the next page", null, null);
                }
                checkpoints.save(
                        new HarvestCheckpoint(
                                name,
                                checkpoint.completedUntil(),
                                runFrom,
                                page.resumptionToken()));
                next = resumeUri(page.resumptionToken());
            }
        }
        LocalDate completedUntil =
                latest(latest(checkpoint.completedUntil(), runFrom), tally.latestDatestamp());
        checkpoints.save(new HarvestCheckpoint(name, completedUntil, null, null));
        HarvestReport report = tally.report(completedUntil);
        LOG.info("Harvest {}", report.summary());
        return report;
    }

    /** Where a new run starts: after the last completed run, else where the caller says. */
    private static LocalDate startOf(HarvestCheckpoint checkpoint, LocalDate firstHarvestFrom) {
        return checkpoint.completedUntil() != null ? checkpoint.completedUntil() : firstHarvestFrom;
    }

    private void importPage(OaiPage page, HarvestTally tally) {
        List<Paper> papers = new ArrayList<>(page.records().size());
        for (OaiPage.OaiRecord record : page.records()) {
            String identifier =
                    record.identifier() == null ? "(no identifier)" : record.identifier().strip();
            try {
                LocalDate datestamp =
                        RecordFields.date("datestamp", record.datestamp(), ArxivDates::isoDate);
                tally.datestamp(datestamp);
                if (record.deleted()) {
                    tally.deleted();
                    continue;
                }
                if (record.metadata() == null) {
                    throw new RecordRejectedException("no metadata");
                }
                papers.add(format.mapper().toPaper(record.metadata()));
            } catch (RecordRejectedException e) {
                LOG.warn(
                        "Harvest {}: rejected {}: {}", tally.setSpec(), identifier, e.getMessage());
                tally.rejected(identifier, e.getMessage());
            }
        }
        tally.outcomes(catalog.upsert(papers));
    }

    private URI listUri(String setSpec, LocalDate from) {
        StringBuilder query =
                new StringBuilder("verb=ListRecords&metadataPrefix=")
                        .append(format.metadataPrefix())
                        .append("&set=")
                        .append(encode(setSpec));
        if (from != null) {
            query.append("&from=").append(from);
        }
        return withQuery(query.toString());
    }

    private URI resumeUri(String token) {
        return withQuery("verb=ListRecords&resumptionToken=" + encode(token));
    }

    private URI withQuery(String query) {
        String base = baseUrl.toString();
        return URI.create(base + (base.contains("?") ? "&" : "?") + query);
    }

    private static boolean isResumption(URI uri) {
        return uri.getRawQuery() != null && uri.getRawQuery().contains("resumptionToken=");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static LocalDate latest(LocalDate a, LocalDate b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
