package paperboy.ingest.arxiv;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import paperboy.catalog.ArxivId;
import paperboy.catalog.Paper;
import paperboy.ingest.arxiv.FakeArxiv.Reply;

class ArxivApiClientTest {

    private static ArxivApiClient client(FakeArxiv arxiv) {
        PoliteHttpClient http =
                new PoliteHttpClient(
                        new PoliteHttpClient.Settings(
                                "Paperboy-test/1.0 (mailto:t@example.org)",
                                Duration.ZERO,
                                1,
                                Duration.ZERO,
                                Duration.ZERO,
                                Duration.ZERO));
        return new ArxivApiClient(http, arxiv.uri("/api/query"));
    }

    @Test
    void fetchParsesEntriesIncludingOldStyleIdsAndLeavesOutErrorEntries() throws Exception {
        try (FakeArxiv arxiv =
                new FakeArxiv(r -> Reply.fixture("api/two-papers-and-an-error.xml"))) {
            List<Paper> papers =
                    client(arxiv)
                            .fetch(
                                    List.of(
                                            ArxivId.parse("2503.11731v1"),
                                            ArxivId.of("hep-th/9901001"),
                                            ArxivId.of("2501.99999")));

            assertThat(arxiv.requests())
                    .singleElement()
                    .satisfies(
                            r -> {
                                assertThat(r.path()).isEqualTo("/api/query");
                                assertThat(r.param("id_list"))
                                        .isEqualTo("2503.11731,hep-th/9901001,2501.99999");
                                assertThat(r.param("max_results")).isEqualTo("3");
                            });
            assertThat(papers)
                    .extracting(p -> p.id().id())
                    .containsExactly("2503.11731", "hep-th/9901001");

            Paper p = papers.getFirst();
            assertThat(p.version()).isEqualTo(2);
            assertThat(p.title()).isEqualTo("Sparse Attention for Long Documents");
            assertThat(p.abstractText()).isEqualTo("We study sparse attention for long documents.");
            assertThat(p.authors()).containsExactly("Ada Lovelace", "Alan M. Turing");
            assertThat(p.categories()).containsExactly("cs.LG", "cs.AI");
            assertThat(p.announced()).isEqualTo(LocalDate.parse("2025-03-14"));
            assertThat(p.updated()).isEqualTo(LocalDate.parse("2025-03-18"));
            assertThat(p.comments())
                    .isEqualTo("12 pages. Code: https://github.com/example/sparse-attn");
            assertThat(p.journalRef()).isEqualTo("J. Mach. Learn. Res. 26 (2025) 1-12");
            assertThat(p.doi()).isEqualTo("10.1234/jmlr.2025.001");
            assertThat(p.codeUrl()).isEqualTo("https://github.com/example/sparse-attn");
            assertThat(p.license()).isNull();

            Paper old = papers.get(1);
            assertThat(old.id()).isEqualTo(ArxivId.of("hep-th/9901001"));
            assertThat(old.version()).isEqualTo(1);
            assertThat(old.categories()).containsExactly("hep-th");
            assertThat(old.announced()).isEqualTo(LocalDate.parse("1999-01-04"));
        }
    }

    @Test
    void anUnknownIdGivesNothing() throws Exception {
        try (FakeArxiv arxiv = new FakeArxiv(r -> Reply.fixture("api/empty.xml"))) {
            assertThat(client(arxiv).fetch(ArxivId.of("2501.99999"))).isEmpty();
        }
    }

    @Test
    void fetchAsksInBatchesOfAHundredIdsWithoutRepeats() throws Exception {
        List<ArxivId> ids = new ArrayList<>();
        for (int i = 1; i <= 150; i++) {
            ids.add(ArxivId.of("2501.%05d".formatted(i)));
        }
        ids.add(ArxivId.parse("2501.00001v3"));
        try (FakeArxiv arxiv = new FakeArxiv(r -> Reply.fixture("api/empty.xml"))) {
            client(arxiv).fetch(ids);

            assertThat(arxiv.requests())
                    .extracting(r -> r.param("id_list").split(",").length)
                    .containsExactly(100, 50);
            assertThat(arxiv.requests())
                    .extracting(r -> r.param("max_results"))
                    .containsExactly("100", "50");
        }
    }
}
