package paperboy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import paperboy.app.Instance;
import paperboy.catalog.ArxivId;
import paperboy.catalog.CodeLink;
import paperboy.catalog.CodeLinkStore;
import paperboy.catalog.JobLeases;
import paperboy.config.Setting;
import paperboy.github.FakeGitHub;
import paperboy.github.StarsRound;
import paperboy.testing.TestPapers;
import paperboy.testing.TestSettings;

/**
 * {@code paperboy stars} against a local fake of the GitHub API, and what readers then see (issue
 * 16, part 1): stars on cards and paper pages, {@code githubStars} in the API, and "Hot on GitHub"
 * ranking papers by stars gained in 7 days, linked from the trending page. A second run sends
 * conditional requests; a run while another process holds the round is refused.
 */
class StarsCommandIT {
    private static final LocalDate DAY = LocalDate.of(2025, 3, 20);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    @Test
    void starsReachCardsPagesTheApiAndHotOnGitHub() throws Exception {
        Path data = dir.resolve("data");
        try (FakeGitHub github = new FakeGitHub()) {
            Path config = dir.resolve("paperboy.properties");
            // with a token, as GitHub waives 304s only for requests that carry one
            Files.writeString(
                    config, "github.api-url=" + github.url() + "\ngithub.token=test-token\n");
            try (Instance instance = Instance.of(TestSettings.of(data, Map.of()))) {
                instance.catalog()
                        .upsert(
                                List.of(
                                        TestPapers.paper("2503.00001", "Attention", "a", DAY)
                                                .withLinks(
                                                        "https://github.com/ada/transformer", null),
                                        TestPapers.paper("2503.00002", "Renamed", "b", DAY)
                                                .withLinks("https://github.com/old/name", null),
                                        TestPapers.paper("2503.00003", "Deleted", "c", DAY),
                                        TestPapers.paper("2503.00004", "Quiet", "d", DAY)));
                new CodeLinkStore(instance.database().dataSource())
                        .upsert(
                                List.of(
                                        new CodeLink(
                                                ArxivId.of("2503.00003"),
                                                "https://github.com/gone/repo",
                                                true,
                                                "pwc")));
            }
            String[] stars = {
                "--data-dir", data.toString(), "--config", config.toString(), "stars"
            };

            CliRun first = CliRun.of(stars);
            assertThat(first.exitCode()).as(first.err()).isZero();
            assertThat(first.out())
                    .contains(
                            "3 repositories: 2 read, 0 unchanged (304), 1 renamed, 1 gone, 0"
                                    + " failed")
                    .contains("2 papers with stars");

            // a week of history, as daily rounds would have left it
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            try (Instance instance = Instance.of(TestSettings.of(data, Map.of()));
                    Connection c = instance.database().dataSource().getConnection();
                    PreparedStatement st =
                            c.prepareStatement(
                                    "INSERT INTO github_stars_daily (repo, on_day, stars) VALUES"
                                            + " (?, ?, ?)")) {
                st.setString(1, "ada/transformer");
                st.setObject(2, java.sql.Date.valueOf(today.minusDays(7)));
                st.setInt(3, 100);
                st.executeUpdate();
                st.setString(1, "old/name");
                st.setObject(2, java.sql.Date.valueOf(today.minusDays(7)));
                st.setInt(3, 20);
                st.executeUpdate();
            }

            github.clear();
            CliRun second = CliRun.of(stars);
            assertThat(second.exitCode()).as(second.err()).isZero();
            assertThat(second.out())
                    .contains("2 unchanged (304)")
                    .contains("1 requests counted by GitHub");
            assertThat(github.requests())
                    .filteredOn(r -> r.status() == 304)
                    .hasSize(2)
                    .allSatisfy(r -> assertThat(r.ifNoneMatch()).isNotNull());

            try (Instance instance =
                    Instance.of(
                            TestSettings.of(data, Map.of(Setting.SITE_URL, "http://127.0.0.1")),
                            Instance.Options.defaults()
                                    .withPageReuse(Duration.ZERO)
                                    .withArxivLookup(id -> Optional.empty()))) {
                JobLeases leases = instance.jobLeases();
                assertThat(leases.claim(StarsRound.JOB, "another-node", Duration.ofMinutes(5)))
                        .isPresent();
                CliRun refused = CliRun.of(stars);
                assertThat(refused.exitCode()).isEqualTo(1);
                assertThat(refused.err())
                        .contains("another process is reading the stars (another-node");

                String base = "http://127.0.0.1:" + instance.startWeb("127.0.0.1", 0);
                HttpClient http = HttpClient.newHttpClient();
                assertThat(
                                JSON.readTree(get(http, base + "/api/papers/2503.00001"))
                                        .path("githubStars")
                                        .asInt())
                        .isEqualTo(120);
                assertThat(
                                JSON.readTree(get(http, base + "/api/papers/2503.00004"))
                                        .path("githubStars")
                                        .isNull())
                        .as("no repository, no stars")
                        .isTrue();
                assertThat(get(http, base + "/papers/2503.00001")).contains("★ 120");
                assertThat(get(http, base + "/papers/trending"))
                        .contains("href=\"/papers/trending/github\"");
                String hot = get(http, base + "/papers/trending/github");
                assertThat(hot)
                        .contains("Hot on GitHub")
                        .contains("stars gained in the last 7 days")
                        .contains("★ 120")
                        .contains("★ 50")
                        .as("each card says what ranks it")
                        .contains("+30 this week")
                        .contains("+20 this week");
                assertThat(get(http, base + "/papers/2503.00001"))
                        .as("only the Hot page says it")
                        .doesNotContain("this week</span>");
                assertThat(hot.indexOf("2503.00002"))
                        .as("new/name gained 30, ada/transformer 20")
                        .isPositive()
                        .isLessThan(hot.indexOf("2503.00001"));
                assertThat(hot).doesNotContain("2503.00004").doesNotContain("2503.00003");
            }
        }
    }

    private static String get(HttpClient http, String url) throws Exception {
        HttpResponse<String> r =
                http.send(
                        HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url).isEqualTo(200);
        return r.body();
    }
}
