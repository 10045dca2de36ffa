package paperboy.ingest.arxiv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import paperboy.catalog.ArxivId;
import paperboy.catalog.CatalogStore;
import paperboy.catalog.Database;
import paperboy.catalog.HarvestCheckpoint;
import paperboy.catalog.HarvestCheckpoints;
import paperboy.catalog.Paper;
import paperboy.ingest.arxiv.FakeArxiv.Reply;
import paperboy.ingest.arxiv.FakeArxiv.Request;

class OaiPmhHarvesterTest {
    private static final LocalDate FIRST_FROM = LocalDate.parse("2025-03-01");
    private static final String CHECKPOINT = "oai:cs:cs:LG";

    @TempDir Path dataDir;
    private Database database;
    private CatalogStore catalog;
    private HarvestCheckpoints checkpoints;
    private final RecordingSleeper sleeper = new RecordingSleeper();

    @BeforeEach
    void openCatalog() {
        database = Database.open(Database.embeddedUrl(dataDir), null, null);
        catalog = new CatalogStore(database.dataSource());
        checkpoints = new HarvestCheckpoints(database.dataSource());
    }

    @AfterEach
    void closeCatalog() {
        database.close();
    }

    /**
     * arXiv with a three-page list: the first request gets page 1, the tokens lead to pages 2 and
     * 3.
     */
    private OaiPmhHarvester harvester(
            FakeArxiv arxiv, OaiPmhHarvester.Format format, int maxAttempts) {
        PoliteHttpClient http =
                new PoliteHttpClient(
                        new PoliteHttpClient.Settings(
                                "Paperboy-test/1.0 (mailto:t@example.org)",
                                Duration.ZERO,
                                maxAttempts,
                                Duration.ofSeconds(1),
                                Duration.ofSeconds(8),
                                Duration.ofSeconds(60)),
                        sleeper);
        return new OaiPmhHarvester(http, catalog, checkpoints, arxiv.uri("/oai"), format);
    }

    private OaiPmhHarvester harvester(FakeArxiv arxiv) {
        return harvester(arxiv, OaiPmhHarvester.Format.ARXIV_RAW, 3);
    }

    private Paper paper(String id) {
        return catalog.find(ArxivId.of(id))
                .orElseThrow(() -> new AssertionError("catalog lacks " + id));
    }

    @Test
    void harvestFollowsAResumptionTokenChainOfThreePages() throws Exception {
        try (FakeArxiv arxiv = new FakeArxiv(FakeArxiv::threePages)) {
            HarvestReport report = harvester(arxiv).harvest("cs.LG", FIRST_FROM);

            assertThat(report.pages()).isEqualTo(3);
            assertThat(report.added()).isEqualTo(4);
            assertThat(report.records()).isEqualTo(7);
            List<Request> requests = arxiv.requests();
            assertThat(requests).hasSize(3);
            assertThat(requests.get(0).query())
                    .containsExactly(
                            Map.entry("verb", "ListRecords"),
                                    Map.entry("metadataPrefix", "arXivRaw"),
                            Map.entry("set", "cs:cs:LG"), Map.entry("from", "2025-03-01"));
            assertThat(requests.get(1).query())
                    .containsOnlyKeys("verb", "resumptionToken")
                    .containsEntry("resumptionToken", "page|2");
            assertThat(requests.get(2).param("resumptionToken")).isEqualTo("page|3");
            assertThat(checkpoints.load(CHECKPOINT))
                    .isEqualTo(
                            new HarvestCheckpoint(
                                    CHECKPOINT, LocalDate.parse("2025-03-20"), null, null));
            assertThat(report.completedUntil()).isEqualTo(LocalDate.parse("2025-03-20"));
        }
    }

    @Test
    void harvestMapsArxivRawRecordsIntoPapers() throws Exception {
        try (FakeArxiv arxiv = new FakeArxiv(FakeArxiv::threePages)) {
            harvester(arxiv).harvest("cs.LG", FIRST_FROM);
        }

        Paper p = paper("2503.11731");
        assertThat(p.version()).isEqualTo(2);
        assertThat(p.title()).isEqualTo("Sparse Attention for Long Documents");
        assertThat(p.abstractText())
                .isEqualTo(
                        "We study sparse attention for long documents. Project page:"
                                + " https://example.github.io/sparse-attn");
        assertThat(p.authors()).containsExactly("Ada Lovelace", "Alan M. Turing", "Grace Hopper");
        assertThat(p.categories()).containsExactly("cs.LG", "cs.AI", "stat.ML");
        assertThat(p.announced()).isEqualTo(LocalDate.parse("2025-03-14"));
        assertThat(p.updated()).isEqualTo(LocalDate.parse("2025-03-18"));
        assertThat(p.comments())
                .isEqualTo(
                        "12 pages, 4 figures. Code:"
                                + " https://github.com/example/sparse-attn/tree/main");
        assertThat(p.journalRef()).isEqualTo("J. Mach. Learn. Res. 26 (2025) 1-12");
        assertThat(p.doi()).isEqualTo("10.1234/jmlr.2025.001");
        assertThat(p.license()).isEqualTo("http://creativecommons.org/licenses/by/4.0/");
        assertThat(p.codeUrl()).isEqualTo("https://github.com/example/sparse-attn");
        assertThat(p.projectUrl()).isEqualTo("https://example.github.io/sparse-attn");
    }

    @Test
    void harvestImportsOldStyleIds() throws Exception {
        try (FakeArxiv arxiv = new FakeArxiv(FakeArxiv::threePages)) {
            harvester(arxiv).harvest("cs.LG", FIRST_FROM);
        }

        Paper old = paper("hep-th/9901001");
        assertThat(old.id().isOldStyle()).isTrue();
        assertThat(old.version()).isEqualTo(1);
        assertThat(old.authors()).containsExactly("J. Smith Jr.", "A. Jones");
        assertThat(old.announced()).isEqualTo(LocalDate.parse("1999-01-04"));
        assertThat(old.primaryCategory()).isEqualTo("hep-th");
    }

    @Test
    void deletedRecordsAreCountedAndSkipped() throws Exception {
        try (FakeArxiv arxiv = new FakeArxiv(FakeArxiv::threePages)) {
            HarvestReport report = harvester(arxiv).harvest("cs.LG", FIRST_FROM);

            assertThat(report.deleted()).isEqualTo(1);
        }
        assertThat(catalog.find(ArxivId.of("2501.00099"))).isEmpty();
    }

    @Test
    void aMalformedRecordIsRejectedWithItsReasonAndTheRestIsImported() throws Exception {
        try (FakeArxiv arxiv = new FakeArxiv(FakeArxiv::threePages)) {
            HarvestReport report = harvester(arxiv).harvest("cs.LG", FIRST_FROM);

            assertThat(report.rejected()).hasSize(2);
            assertThat(report.rejected().get(0))
                    .isEqualTo(
                            new HarvestReport.Rejection(
                                    "oai:arXiv.org:2503.12000", "missing title"));
            assertThat(report.rejected().get(1).identifier()).isEqualTo("oai:arXiv.org:2513.00001");
            assertThat(report.rejected().get(1).reason())
                    .startsWith("invalid id")
                    .contains("month 13");
        }
        assertThat(catalog.find(ArxivId.of("2503.12000"))).isEmpty();
        assertThat(paper("2503.12345").title()).isEqualTo("Gradient Descent, Revisited");
        assertThat(paper("2503.13000").title()).isEqualTo("The Last Paper of the List");
    }

    @Test
    void aSecondHarvestAsksFromTheCompletedDateAndChangesNothing() throws Exception {
        try (FakeArxiv arxiv = new FakeArxiv(FakeArxiv::threePages)) {
            harvester(arxiv).harvest("cs.LG", FIRST_FROM);
            long papersBefore = catalog.stats().papers();
            // arXiv answers the incremental request with the records of the completed day again.
            arxiv.answer(
                    r ->
                            "2025-03-20".equals(r.param("from"))
                                    ? Reply.fixture("oai/raw-page3.xml")
                                    : Reply.status(400));

            HarvestReport second = harvester(arxiv).harvest("cs.LG", LocalDate.parse("2020-01-01"));

            Request asked = arxiv.requests().getLast();
            assertThat(asked.param("from")).isEqualTo("2025-03-20");
            assertThat(asked.param("set")).isEqualTo("cs:cs:LG");
            assertThat(second.added()).isZero();
            assertThat(second.updated()).isZero();
            assertThat(second.unchanged()).isEqualTo(1);
            assertThat(catalog.stats().papers()).isEqualTo(papersBefore);
            assertThat(checkpoints.load(CHECKPOINT).completedUntil())
                    .isEqualTo(LocalDate.parse("2025-03-20"));
        }
    }

    @Test
    void harvestResumesFromTheCheckpointedTokenAfterAKill() throws Exception {
        try (FakeArxiv arxiv =
                new FakeArxiv(
                        r ->
                                "page|2".equals(r.param("resumptionToken"))
                                        ? Reply.status(502)
                                        : FakeArxiv.threePages(r))) {
            assertThatThrownBy(
                            () ->
                                    harvester(arxiv, OaiPmhHarvester.Format.ARXIV_RAW, 2)
                                            .harvest("cs.LG", FIRST_FROM))
                    .isInstanceOf(ArxivUnavailableException.class)
                    .hasMessageContaining("resumptionToken=page%7C2");

            // Page 1 is in the catalog and the checkpoint points at page 2.
            assertThat(checkpoints.load(CHECKPOINT))
                    .isEqualTo(new HarvestCheckpoint(CHECKPOINT, null, FIRST_FROM, "page|2"));
            assertThat(catalog.stats().papers()).isEqualTo(2);

            arxiv.answer(FakeArxiv::threePages);
            int before = arxiv.requests().size();
            HarvestReport resumed =
                    harvester(arxiv).harvest("cs.LG", LocalDate.parse("2020-01-01"));

            List<Request> second = arxiv.requests().subList(before, arxiv.requests().size());
            assertThat(second)
                    .extracting(r -> r.param("resumptionToken"))
                    .containsExactly("page|2", "page|3");
            assertThat(resumed.pages()).isEqualTo(2);
            assertThat(resumed.added()).isEqualTo(2);
            assertThat(catalog.stats().papers()).isEqualTo(4);
            assertThat(checkpoints.load(CHECKPOINT))
                    .isEqualTo(
                            new HarvestCheckpoint(
                                    CHECKPOINT, LocalDate.parse("2025-03-20"), null, null));
        }
    }

    @Test
    void anExpiredTokenRestartsTheRunFromItsFromDate() throws Exception {
        checkpoints.save(new HarvestCheckpoint(CHECKPOINT, null, FIRST_FROM, "expired-yesterday"));
        try (FakeArxiv arxiv = new FakeArxiv(FakeArxiv::threePages)) {
            HarvestReport report = harvester(arxiv).harvest("cs.LG", null);

            List<Request> requests = arxiv.requests();
            assertThat(requests.get(0).param("resumptionToken")).isEqualTo("expired-yesterday");
            assertThat(requests.get(1).param("from")).isEqualTo("2025-03-01");
            assertThat(report.added()).isEqualTo(4);
            assertThat(checkpoints.load(CHECKPOINT).completedUntil())
                    .isEqualTo(LocalDate.parse("2025-03-20"));
        }
    }

    @Test
    void noRecordsMatchMeansNothingNew() throws Exception {
        checkpoints.save(
                new HarvestCheckpoint(CHECKPOINT, LocalDate.parse("2025-03-20"), null, null));
        try (FakeArxiv arxiv = new FakeArxiv(r -> Reply.fixture("oai/no-records-match.xml"))) {
            HarvestReport report = harvester(arxiv).harvest("cs:cs:LG", FIRST_FROM);

            assertThat(arxiv.requests().getFirst().param("from")).isEqualTo("2025-03-20");
            assertThat(report.pages()).isZero();
            assertThat(report.records()).isZero();
            assertThat(report.completedUntil()).isEqualTo(LocalDate.parse("2025-03-20"));
        }
    }

    @Test
    void a503WithRetryAfterBetweenPagesIsWaitedOutAndTheHarvestCompletes() throws Exception {
        AtomicInteger page2Asks = new AtomicInteger();
        try (FakeArxiv arxiv =
                new FakeArxiv(
                        r ->
                                "page|2".equals(r.param("resumptionToken"))
                                                && page2Asks.getAndIncrement() == 0
                                        ? Reply.retryAfter(503, "7")
                                        : FakeArxiv.threePages(r))) {
            HarvestReport report = harvester(arxiv).harvest("cs.LG", FIRST_FROM);

            assertThat(sleeper.waits()).contains(Duration.ofSeconds(7));
            assertThat(arxiv.requests()).hasSize(4);
            assertThat(report.added()).isEqualTo(4);
        }
    }

    @Test
    void anOaiErrorSuchAsAnUnknownSetFailsWithItsCode() throws Exception {
        try (FakeArxiv arxiv = new FakeArxiv(r -> Reply.fixture("oai/bad-argument.xml"))) {
            assertThatThrownBy(() -> harvester(arxiv).harvest("cs.XX", FIRST_FROM))
                    .isInstanceOf(ArxivResponseException.class)
                    .hasMessageContaining("badArgument")
                    .hasMessageContaining("Invalid set spec")
                    .satisfies(
                            e ->
                                    assertThat(((ArxivResponseException) e).oaiErrorCode())
                                            .hasValue("badArgument"));
        }
        assertThat(checkpoints.load("oai:cs:cs:XX").completedUntil()).isNull();
    }

    @Test
    void theArxivFormatGivesVersionOneAndStructuredAuthorNames() throws Exception {
        try (FakeArxiv arxiv = new FakeArxiv(r -> Reply.fixture("oai/arxiv-format.xml"))) {
            HarvestReport report =
                    harvester(arxiv, OaiPmhHarvester.Format.ARXIV, 3).harvest("math", FIRST_FROM);

            assertThat(arxiv.requests().getFirst().param("metadataPrefix")).isEqualTo("arXiv");
            assertThat(arxiv.requests().getFirst().param("set")).isEqualTo("math");
            assertThat(report.added()).isEqualTo(1);
            assertThat(report.rejected())
                    .singleElement()
                    .isEqualTo(
                            new HarvestReport.Rejection(
                                    "oai:arXiv.org:2503.14000",
                                    "unparsable created date '14 March 2025'"));
        }
        Paper p = paper("math/0309136");
        assertThat(p.version()).isEqualTo(1);
        assertThat(p.title()).isEqualTo("Knots and Their Groups");
        assertThat(p.authors()).containsExactly("Martin Luther King Jr", "Emmy Noether", "Euclid");
        assertThat(p.categories()).containsExactly("math.GT", "math.AT");
        assertThat(p.announced()).isEqualTo(LocalDate.parse("2003-09-10"));
        assertThat(p.updated()).isEqualTo(LocalDate.parse("2004-02-02"));
    }

    @Test
    void progressIsReportedAfterEachStoredPage() throws Exception {
        List<HarvestReport> progress = new ArrayList<>();
        try (FakeArxiv arxiv = new FakeArxiv(FakeArxiv::threePages)) {
            harvester(arxiv).harvest("cs.LG", FIRST_FROM, progress::add);
        }

        assertThat(progress).extracting(HarvestReport::pages).containsExactly(1, 2, 3);
        assertThat(progress).extracting(HarvestReport::records).containsExactly(3, 6, 7);
        assertThat(progress.getFirst().added()).isEqualTo(2);
    }

    @Test
    void checkpointNamesFollowTheSetSpec() {
        assertThat(OaiPmhHarvester.checkpointName("cs.LG")).isEqualTo("oai:cs:cs:LG");
        assertThat(OaiPmhHarvester.checkpointName("physics:hep-th"))
                .isEqualTo("oai:physics:hep-th");
    }
}
