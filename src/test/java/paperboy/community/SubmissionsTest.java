package paperboy.community;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import paperboy.app.Instance;
import paperboy.catalog.ArxivId;
import paperboy.catalog.CatalogStore;
import paperboy.catalog.Database;
import paperboy.ingest.arxiv.ArxivApiClient;
import paperboy.ingest.arxiv.FakeArxiv;
import paperboy.ingest.arxiv.PoliteHttpClient;

/**
 * Submitting a paper the catalog does not have yet: it is fetched through the arXiv API client
 * (arXiv replayed on 127.0.0.1).
 */
class SubmissionsTest {
    @TempDir Path dir;
    private Database db;
    private FakeArxiv arxiv;
    private Submissions submissions;
    private CatalogStore catalog;
    private Member member;

    @BeforeEach
    void setUp() throws Exception {
        db = Database.open(Database.embeddedUrl(dir), null, null);
        catalog = new CatalogStore(db.dataSource());
        arxiv = new FakeArxiv(r -> FakeArxiv.Reply.fixture("api/two-papers-and-an-error.xml"));
        PoliteHttpClient http =
                new PoliteHttpClient(
                        new PoliteHttpClient.Settings(
                                "Paperboy-test/1.0 (mailto:t@example.org)",
                                Duration.ZERO,
                                1,
                                Duration.ZERO,
                                Duration.ZERO,
                                Duration.ZERO));
        ArxivApiClient api = new ArxivApiClient(http, arxiv.uri("/api/query"));
        // the fixture's 2503.11731 was announced on 14 March 2025: a week later it may be submitted
        Clock clock = Clock.fixed(Instant.parse("2025-03-21T15:00:00Z"), ZoneOffset.UTC);
        submissions =
                new Submissions(
                        catalog,
                        new CommunityStore(db.dataSource()),
                        Instance.lookupThrough(api),
                        14,
                        clock);
        member = new Accounts(db.dataSource()).memberFor("sub@example.org");
    }

    @AfterEach
    void tearDown() {
        arxiv.close();
        db.close();
    }

    @Test
    void aPaperMissingFromTheCatalogIsFetchedFromArxivThenSubmitted() {
        Submissions.Outcome outcome =
                submissions.submit(member.id(), "https://arxiv.org/abs/2503.11731v2");
        assertThat(outcome.accepted()).as(outcome.message()).isTrue();
        assertThat(outcome.message()).contains("is in the daily papers of 2025-03-21");
        assertThat(catalog.find(ArxivId.of("2503.11731"))).isPresent();
        assertThat(arxiv.requests()).hasSize(1);
        assertThat(submissions.submit(member.id(), "2503.11731").message())
                .contains("already in the daily papers (submitted by sub)");
        assertThat(arxiv.requests()).as("known now: no second request").hasSize(1);
    }

    @Test
    void aPaperArxivDoesNotHaveIsRefusedClearly() {
        Submissions.Outcome outcome = submissions.submit(member.id(), "2501.99999");
        assertThat(outcome.result()).isEqualTo(Submissions.Result.NOT_ON_ARXIV);
        assertThat(outcome.message()).isEqualTo("arXiv has no paper 2501.99999.");
    }

    @Test
    void anArxivOutageIsSaidToBeOneAndAddsNothing() throws Exception {
        try (FakeArxiv down = new FakeArxiv(r -> FakeArxiv.Reply.status(503))) {
            PoliteHttpClient http =
                    new PoliteHttpClient(
                            new PoliteHttpClient.Settings(
                                    "Paperboy-test/1.0 (mailto:t@example.org)",
                                    Duration.ZERO,
                                    1,
                                    Duration.ZERO,
                                    Duration.ZERO,
                                    Duration.ZERO));
            Submissions unlucky =
                    new Submissions(
                            catalog,
                            new CommunityStore(db.dataSource()),
                            Instance.lookupThrough(
                                    new ArxivApiClient(http, down.uri("/api/query"))),
                            14,
                            Clock.fixed(Instant.parse("2025-03-21T15:00:00Z"), ZoneOffset.UTC));
            Submissions.Outcome outcome = unlucky.submit(member.id(), "2503.11731");
            assertThat(outcome.result()).isEqualTo(Submissions.Result.ARXIV_UNREACHABLE);
            assertThat(outcome.message())
                    .contains("arXiv could not be asked about 2503.11731 just now");
            assertThat(catalog.find(ArxivId.of("2503.11731"))).isEmpty();
        }
    }
}
