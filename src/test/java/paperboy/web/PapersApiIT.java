package paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import paperboy.catalog.ArxivId;
import paperboy.testing.SiteFixture;

/** The Hugging Face-shaped JSON API over the real sample: shapes, every parameter, and errors. */
class PapersApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static SiteFixture site;

    @BeforeAll
    static void start() {
        site = SiteFixture.shared();
    }

    private static JsonNode json(String path) throws Exception {
        HttpResponse<String> r = site.get(path);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow())
                .startsWith("application/json");
        return JSON.readTree(r.body());
    }

    @Test
    void searchAnswersInTheHuggingFaceShapeWithHighlights() throws Exception {
        JsonNode results = json("/api/papers/search?q=fixed+point&limit=5");
        assertThat(results.isArray()).isTrue();
        assertThat(results).hasSize(5);
        for (JsonNode r : results) {
            JsonNode paper = r.get("paper");
            for (String field :
                    List.of(
                            "id",
                            "title",
                            "summary",
                            "authors",
                            "publishedAt",
                            "upvotes",
                            "githubRepo",
                            "githubStars",
                            "projectPage")) {
                assertThat(paper.has(field)).as(field).isTrue();
            }
            assertThat(paper.get("authors").get(0).get("name").asText()).isNotBlank();
            assertThat(paper.get("publishedAt").asText())
                    .matches("\\d{4}-\\d{2}-\\d{2}T00:00:00\\.000Z");
            for (String field : List.of("title", "summary", "publishedAt", "numComments")) {
                assertThat(r.has(field)).as(field).isTrue();
            }
            StringBuilder title = new StringBuilder();
            boolean highlighted = false;
            for (JsonNode s : r.get("highlightedTitle")) {
                assertThat(s.get("type").asText()).isIn("text", "highlight");
                highlighted |= s.get("type").asText().equals("highlight");
                title.append(s.get("text").asText());
            }
            assertThat(title.toString()).isEqualTo(r.get("title").asText());
            StringBuilder summary = new StringBuilder();
            r.get("highlightedSummary").forEach(s -> summary.append(s.get("text").asText()));
            assertThat(summary.toString()).isEqualTo(r.get("summary").asText());
            assertThat(highlighted || r.get("highlightedSummary").toString().contains("highlight"))
                    .isTrue();
        }
        assertThat(json("/api/papers/search?q=fixed+point").size())
                .isEqualTo(PapersApi.DEFAULT_SEARCH_LIMIT);
        assertThat(json("/api/papers/search?q=fixed+point&limit=100").size()).isEqualTo(100);
        assertThat(json("/api/papers/search?q=fixed+point&mode=lexical&limit=3").size())
                .isEqualTo(3);
        assertThat(json("/api/papers/search?q=qqzxv+wwqpz")).isEmpty();
    }

    @Test
    void aPaperIsAFlatObjectFoundByAnyIdForm() throws Exception {
        long member = site.community.member("api@example.org", "api-tester");
        site.community.toggleUpvote(ArxivId.of("2503.15138"), member);
        site.community.comment(ArxivId.of("2503.15138"), member, "Nice *work*");
        JsonNode p = json("/api/papers/2503.15138");
        assertThat(p.get("id").asText()).isEqualTo("2503.15138");
        assertThat(p.get("upvotes").asInt()).isEqualTo(1);
        assertThat(p.get("numComments").asInt()).isEqualTo(1);
        assertThat(p.get("githubRepo").asText())
                .isEqualTo("https://github.com/DuNGEOnmassster/VideoGen-of-Thought");
        assertThat(p.get("projectPage").asText()).startsWith("https://");
        assertThat(p.get("githubStars").isNull()).isTrue();
        assertThat(json("/api/papers/2503.15138v2").get("id").asText()).isEqualTo("2503.15138");
        assertThat(json("/api/papers/arXiv:2503.15138").get("id").asText()).isEqualTo("2503.15138");
    }

    @Test
    void dailyPapersAnswerEveryDocumentedParameterCombination() throws Exception {
        List<String> periods = List.of("", "date=2026-06-30", "week=2026-W27", "month=2026-06");
        List<String> sorts = List.of("", "sort=publishedAt", "sort=trending");
        List<String> paging = List.of("", "p=1&limit=10", "limit=100", "p=0");
        List<String> submitters = List.of("", "submitter=nobody-here");
        for (String period : periods) {
            for (String sort : sorts) {
                for (String page : paging) {
                    for (String submitter : submitters) {
                        String query =
                                String.join(
                                        "&",
                                        List.of(period, sort, page, submitter).stream()
                                                .filter(s -> !s.isEmpty())
                                                .toList());
                        JsonNode rows =
                                json("/api/daily_papers" + (query.isEmpty() ? "" : "?" + query));
                        assertThat(rows.isArray()).as(query).isTrue();
                        if (submitter.isEmpty()) {
                            assertThat(rows.size()).as(query).isGreaterThan(0);
                            JsonNode row = rows.get(0);
                            for (String field :
                                    List.of(
                                            "paper",
                                            "publishedAt",
                                            "title",
                                            "summary",
                                            "numComments",
                                            "submittedBy")) {
                                assertThat(row.has(field)).as(query + " " + field).isTrue();
                            }
                        } else {
                            assertThat(rows).as(query).isEmpty();
                        }
                    }
                }
            }
        }
    }

    @Test
    void dailyPapersPageThroughADayWithoutOverlap() throws Exception {
        Set<String> seen = new HashSet<>();
        List<String> order = new ArrayList<>();
        for (int p = 0; ; p++) {
            JsonNode rows =
                    json("/api/daily_papers?date=2026-06-30&sort=publishedAt&limit=100&p=" + p);
            if (rows.isEmpty()) {
                break;
            }
            for (JsonNode row : rows) {
                assertThat(seen.add(row.get("paper").get("id").asText())).isTrue();
                order.add(row.get("publishedAt").asText());
            }
        }
        assertThat(order).isSortedAccordingTo(Comparator.reverseOrder());
        HttpResponse<String> r = site.get("/api/daily_papers?date=2026-06-30&limit=1");
        assertThat(r.headers().firstValue("X-Total-Count")).contains(Integer.toString(seen.size()));
        assertThat(seen).hasSize(530);
        assertThat(json("/api/daily_papers?date=2026-06-30&limit=100&p=9")).isEmpty();
    }

    @Test
    void dailyPapersFilterBySubmitterAndSortByTrending() throws Exception {
        long dee = site.community.member("dee@example.org", "dee");
        site.community.submit(ArxivId.of("2606.06850"), LocalDate.of(2026, 6, 26), dee);
        JsonNode rows = json("/api/daily_papers?week=2026-W26&submitter=dee");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("submittedBy").get("name").asText()).isEqualTo("dee");
        assertThat(rows.get(0).get("paper").get("id").asText()).isEqualTo("2606.06850");
        JsonNode trending = json("/api/daily_papers?month=2026-06&sort=trending&limit=3");
        assertThat(trending).hasSize(3);
    }

    @Test
    void badParametersGet400JsonAndUnknownPapers404() throws Exception {
        for (String path :
                List.of(
                        "/api/papers/search",
                        "/api/papers/search?q=",
                        "/api/papers/search?q=x&limit=0",
                        "/api/papers/search?q=x&limit=101",
                        "/api/papers/search?q=x&limit=ten",
                        "/api/papers/search?q=x&mode=fuzzy",
                        "/api/papers/search?q=x&mode=semantic",
                        "/api/daily_papers?date=2026-02-30",
                        "/api/daily_papers?date=today",
                        "/api/daily_papers?week=2026-27",
                        "/api/daily_papers?month=June",
                        "/api/daily_papers?date=2026-06-30&week=2026-W27",
                        "/api/daily_papers?sort=best",
                        "/api/daily_papers?p=-1",
                        "/api/daily_papers?limit=1000",
                        "/api/papers/not-an-id",
                        "/api/daily_papers?date=%2B999999999-12-31")) {
            HttpResponse<String> r = site.get(path);
            assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(400);
            JsonNode error = JSON.readTree(r.body());
            assertThat(error.get("error").asText())
                    .as(path)
                    .isNotBlank()
                    .doesNotContain("Exception");
            assertThat(error.get("status").asInt()).isEqualTo(400);
        }
        HttpResponse<String> missing = site.get("/api/papers/2101.99999");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(missing.body()).get("error").asText()).contains("2101.99999");
        assertThat(site.get("/api/nothing").statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(site.get("/api/nothing").body()).get("status").asInt())
                .isEqualTo(404);
    }

    @Test
    void theOpenApiDocumentDescribesTheApi() throws Exception {
        JsonNode doc = json("/api/openapi.json");
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        assertThat(doc.get("paths").has("/api/papers/search")).isTrue();
        assertThat(doc.get("paths").has("/api/papers/{id}")).isTrue();
        assertThat(doc.get("paths").has("/api/daily_papers")).isTrue();
        assertThat(doc.get("paths").get("/api/me/library/{id}").has("put")).isTrue();
        assertThat(doc.at("/components/securitySchemes/personalAccessToken/scheme").asText())
                .isEqualTo("bearer");
        List<String> params = new ArrayList<>();
        doc.get("paths")
                .get("/api/daily_papers")
                .get("get")
                .get("parameters")
                .forEach(p -> params.add(p.get("name").asText()));
        assertThat(params)
                .containsExactlyInAnyOrder(
                        "date", "week", "month", "submitter", "sort", "p", "limit");
    }
}
