package paperboy.ingest.arxiv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import paperboy.catalog.ArxivId;
import paperboy.ingest.arxiv.FakeArxiv.Reply;

class ArxivListingClientTest {
    private static final LocalDate MONDAY = LocalDate.parse("2025-03-31");

    private static ArxivListingClient client(FakeArxiv arxiv) {
        PoliteHttpClient http =
                new PoliteHttpClient(
                        new PoliteHttpClient.Settings(
                                "Paperboy-test/1.0 (mailto:t@example.org)",
                                Duration.ZERO,
                                1,
                                Duration.ZERO,
                                Duration.ZERO,
                                Duration.ZERO));
        return new ArxivListingClient(http, arxiv.uri(""));
    }

    @Test
    void listingsReadNewCrossAndReplacementItems() throws Exception {
        try (FakeArxiv arxiv = new FakeArxiv(r -> Reply.fixture("rss/cs-lg-cs-cv.xml"))) {
            List<ListingItem> items = client(arxiv).listings(List.of("cs.LG", "cs.CV"));

            assertThat(arxiv.requests())
                    .singleElement()
                    .extracting(FakeArxiv.Request::path)
                    .isEqualTo("/rss/cs.LG+cs.CV");
            assertThat(items)
                    .containsExactly(
                            new ListingItem(
                                    ArxivId.parse("2503.21813v1"),
                                    "new",
                                    "Sparse Attention for Long Documents",
                                    MONDAY),
                            new ListingItem(
                                    ArxivId.parse("2503.20001v1"),
                                    "cross",
                                    "Seeing Through Fog",
                                    MONDAY),
                            new ListingItem(
                                    ArxivId.parse("hep-th/9901001v3"),
                                    "replace-cross",
                                    "Strings on the Lattice",
                                    MONDAY),
                            // no arxiv:announce_type element: the type comes from the description
                            new ListingItem(
                                    ArxivId.parse("2502.01234v2"),
                                    "replace",
                                    "Gradient Descent, Revisited",
                                    MONDAY));
            assertThat(items).filteredOn(ListingItem::isNew).hasSize(1);
        }
    }

    @Test
    void aWeekendFeedIsEmptyNotAnError() throws Exception {
        try (FakeArxiv arxiv = new FakeArxiv(r -> Reply.fixture("rss/weekend.xml"))) {
            assertThat(client(arxiv).listings(List.of("cs.LG"))).isEmpty();
        }
    }

    @Test
    void malformedCategoriesAreRefusedBeforeAnyRequest() throws Exception {
        try (FakeArxiv arxiv = new FakeArxiv(r -> Reply.fixture("rss/weekend.xml"))) {
            assertThatThrownBy(() -> client(arxiv).listings(List.of("cs.LG", "../admin")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("../admin");
            assertThat(arxiv.requests()).isEmpty();
        }
    }

    @Test
    void aBodyThatIsNotXmlFailsWithTheUrl() throws Exception {
        try (FakeArxiv arxiv =
                new FakeArxiv(
                        r ->
                                new Reply(
                                        200,
                                        Map.of(),
                                        "<html><body>oops".getBytes(StandardCharsets.UTF_8)))) {
            assertThatThrownBy(() -> client(arxiv).listings(List.of("cs.LG")))
                    .isInstanceOf(ArxivResponseException.class)
                    .hasMessageContaining("/rss/cs.LG");
        }
    }
}
