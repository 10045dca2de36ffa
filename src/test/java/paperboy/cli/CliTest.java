package paperboy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import paperboy.catalog.ArxivId;
import paperboy.catalog.CatalogStore;
import paperboy.catalog.Database;
import paperboy.catalog.Paper;
import paperboy.catalog.VectorStore;
import paperboy.community.Accounts;
import paperboy.community.Role;
import paperboy.digest.Cadence;
import paperboy.digest.Subscription;
import paperboy.digest.Subscriptions;
import paperboy.testing.MailServers;
import paperboy.testing.SharedData;

class CliTest {
    @TempDir Path dataDir;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "serve",
                "import",
                "harvest",
                "stats",
                "search",
                "reindex",
                "embed",
                "eval",
                "bench",
                "bench import",
                "bench search",
                "admin",
                "admin grant",
                "digest",
                "digest preview",
                "digest send"
            })
    void everyCommandExplainsItselfWithHelp(String command) {
        String[] args = (command.isEmpty() ? "--help" : command + " --help").split(" ");
        CliRun run = CliRun.of(args);
        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("Usage: paperboy" + (command.isEmpty() ? "" : " " + command))
                .contains("--help");
    }

    @Test
    void theTopLevelHelpListsTheCommandsAndTheDataDir() {
        CliRun run = CliRun.of("--help");
        assertThat(run.out())
                .contains("serve", "import", "harvest", "stats", "--data-dir", "PAPERBOY_DATA_DIR");
    }

    @Test
    void statsJsonReportsWhatAnImportBrought() throws Exception {
        Path part = SharedData.arxivParts().getLast();
        CliRun imported =
                CliRun.of(
                        "--data-dir",
                        dataDir.toString(),
                        "import",
                        "--progress",
                        "none",
                        part.toString(),
                        SharedData.pwcLinks().toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("rejected:   0").contains("code links: 3,722 added");

        CliRun stats = CliRun.of("stats", "--json", "--data-dir", dataDir.toString());
        assertThat(stats.exitCode()).isZero();
        JsonNode json = new ObjectMapper().readTree(stats.out());
        long papers = json.get("papers").asLong();
        assertThat(papers).isBetween(1_000L, 10_000L);
        assertThat(json.get("papersWithCode").asLong()).isBetween(1L, papers);
        long summed = 0;
        for (JsonNode n : json.get("byPrimaryCategory")) {
            summed += n.asLong();
        }
        assertThat(summed).isEqualTo(papers);
        assertThat(json.get("firstAnnounced").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(json.get("lastAnnounced").asText())
                .isGreaterThanOrEqualTo(json.get("firstAnnounced").asText());
    }

    @Test
    void searchJsonPrintsResultsWithIdTitleSummaryAndScore() throws Exception {
        CliRun imported =
                CliRun.of(
                        "--data-dir",
                        dataDir.toString(),
                        "import",
                        "--progress",
                        "none",
                        SharedData.arxivParts().getLast().toString());
        assertThat(imported.exitCode()).isZero();
        for (String mode : new String[] {"lexical", "hybrid"}) {
            CliRun run =
                    CliRun.of(
                            "--data-dir",
                            dataDir.toString(),
                            "search",
                            "diffusion models",
                            "--mode",
                            mode,
                            "--limit",
                            "5",
                            "--json");
            assertThat(run.exitCode()).as(run.err()).isZero();
            JsonNode results = new ObjectMapper().readTree(run.out());
            assertThat(results).hasSize(5);
            for (JsonNode r : results) {
                assertThat(r.get("id").asText()).matches("\\d{4}\\.\\d{4,5}");
                assertThat(r.get("title").asText()).isNotBlank();
                assertThat(r.get("summary").asText()).isNotBlank();
                assertThat(r.get("score").asDouble()).isPositive();
            }
        }
        CliRun badMode =
                CliRun.of("--data-dir", dataDir.toString(), "search", "x", "--mode", "fuzzy");
        assertThat(badMode.exitCode()).isEqualTo(2);
        assertThat(badMode.err()).contains("mode must be hybrid, lexical or semantic");
    }

    @Test
    void searchCorrectsMisspelledWordsOnStderrAndSortsByDate() throws Exception {
        String data = dataDir.toString();
        CliRun imported =
                CliRun.of(
                        "--data-dir",
                        data,
                        "import",
                        "--progress",
                        "none",
                        SharedData.arxivParts().getLast().toString());
        assertThat(imported.exitCode()).isZero();
        ObjectMapper json = new ObjectMapper();

        CliRun misspelled =
                CliRun.of("--data-dir", data, "search", "oversmothing graph nueral", "--json");
        assertThat(misspelled.exitCode()).as(misspelled.err()).isZero();
        assertThat(misspelled.err())
                .contains("Showing results for: oversmoothing graph neural")
                .contains("--no-correct");
        assertThat(json.readTree(misspelled.out()).isArray()).as("still a plain array").isTrue();
        CliRun right =
                CliRun.of("--data-dir", data, "search", "oversmoothing graph neural", "--json");
        assertThat(right.err()).doesNotContain("Showing results for");
        assertThat(ids(json.readTree(misspelled.out())))
                .isNotEmpty()
                .isEqualTo(ids(json.readTree(right.out())));
        CliRun exact =
                CliRun.of(
                        "--data-dir",
                        data,
                        "search",
                        "oversmothing graph nueral",
                        "--no-correct",
                        "--mode",
                        "lexical");
        assertThat(exact.err()).doesNotContain("Showing results for");

        CliRun newest =
                CliRun.of(
                        "--data-dir",
                        data,
                        "search",
                        "graph neural",
                        "--sort",
                        "date",
                        "--limit",
                        "30",
                        "--json");
        assertThat(newest.exitCode()).as(newest.err()).isZero();
        List<String> days = new java.util.ArrayList<>();
        for (JsonNode r : json.readTree(newest.out())) {
            days.add(r.get("published").asText());
        }
        assertThat(days)
                .hasSizeGreaterThan(10)
                .isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(days.getFirst()).isGreaterThan(days.getLast());
        CliRun text = CliRun.of("--data-dir", data, "search", "graph neural", "--sort", "date");
        assertThat(text.out()).doesNotContain("score");

        CliRun badSort = CliRun.of("--data-dir", data, "search", "x", "--sort", "upvotes");
        assertThat(badSort.exitCode()).isEqualTo(2);
        assertThat(badSort.err()).contains("--sort: sort must be relevance or date");
    }

    private static List<String> ids(JsonNode results) {
        List<String> ids = new java.util.ArrayList<>();
        results.forEach(r -> ids.add(r.get("id").asText()));
        return ids;
    }

    @Test
    void embedComputesTheMissingEmbeddingsAndStatsCountsThem() throws Exception {
        Path few = dataDir.resolve("few.jsonl");
        try (var lines =
                new BufferedReader(
                        new InputStreamReader(
                                new GZIPInputStream(
                                        Files.newInputStream(SharedData.arxivParts().getLast())),
                                StandardCharsets.UTF_8))) {
            Files.write(few, lines.lines().limit(24).toList());
        }
        Path data = dataDir.resolve("d");
        assertThat(
                        CliRun.of(
                                        "--data-dir",
                                        data.toString(),
                                        "import",
                                        "--progress",
                                        "none",
                                        few.toString())
                                .exitCode())
                .isZero();

        CliRun embed = CliRun.of("--data-dir", data.toString(), "embed");
        assertThat(embed.exitCode()).as(embed.err()).isZero();
        assertThat(embed.out()).contains("embedded 24 papers with bge-small-en-v1.5-q@512");
        assertThat(CliRun.of("--data-dir", data.toString(), "embed").out())
                .as("nothing left to do")
                .contains("embedded 0 papers");

        JsonNode stats =
                new ObjectMapper()
                        .readTree(
                                CliRun.of("--data-dir", data.toString(), "stats", "--json").out());
        assertThat(stats.get("embedded").asLong()).isEqualTo(24);
        assertThat(stats.get("embeddingModel").asText()).isEqualTo("bge-small-en-v1.5-q@512");

        CliRun semantic =
                CliRun.of(
                        "--data-dir",
                        data.toString(),
                        "search",
                        "--mode",
                        "semantic",
                        "--json",
                        "--limit",
                        "3",
                        "a new neural network method");
        assertThat(new ObjectMapper().readTree(semantic.out())).hasSize(3);
    }

    @Test
    void embedWithALimitStoresTheNewestPapersAndSemanticSearchSaysHowFarItReaches()
            throws Exception {
        Path few = dataDir.resolve("few.jsonl");
        List<String> lines;
        try (var in =
                new BufferedReader(
                        new InputStreamReader(
                                new GZIPInputStream(
                                        Files.newInputStream(SharedData.arxivParts().getLast())),
                                StandardCharsets.UTF_8))) {
            lines = in.lines().limit(6).toList();
        }
        Files.write(few, lines);
        Path data = dataDir.resolve("d");
        String d = data.toString();
        assertThat(
                        CliRun.of("--data-dir", d, "import", "--progress", "none", few.toString())
                                .exitCode())
                .isZero();

        // Nothing embedded yet: a semantic search says why it finds nothing, on stderr.
        CliRun none = CliRun.of("--data-dir", d, "search", "--mode", "semantic", "neural networks");
        assertThat(none.exitCode()).as(none.err()).isZero();
        assertThat(none.err())
                .contains("no paper has an embedding yet; embeddings are still being computed");
        assertThat(none.out()).doesNotContain("No papers match");
        CliRun noneJson =
                CliRun.of(
                        "--data-dir",
                        d,
                        "search",
                        "--mode",
                        "semantic",
                        "--json",
                        "neural networks");
        assertThat(noneJson.exitCode()).isZero();
        assertThat(noneJson.out().strip()).isEqualTo("[]");
        assertThat(noneJson.err()).contains("embeddings are still being computed");
        assertThat(CliRun.of("--data-dir", d, "stats").out())
                .contains("embedded:         0 of 6 (0%) with bge-small-en-v1.5-q@512")
                .contains("6 waiting; a running serve embeds them");

        CliRun zero = CliRun.of("--data-dir", d, "embed", "--limit", "0");
        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(zero.err()).contains("--limit must be at least 1");

        CliRun two = CliRun.of("--data-dir", d, "embed", "--limit", "2");
        assertThat(two.exitCode()).as(two.err()).isZero();
        assertThat(two.out())
                .contains("embedded 2 papers with bge-small-en-v1.5-q@512")
                .contains("2 embedded in all")
                .contains("stopped at --limit 2; 4 papers still have no embedding");
        try (Database db = Database.open(Database.embeddedUrl(data), null, null)) {
            CatalogStore catalog = new CatalogStore(db.dataSource());
            List<Paper> imported = new ArrayList<>();
            for (String line : lines) {
                String id = new ObjectMapper().readTree(line).get("id").asText();
                imported.add(catalog.find(ArxivId.of(id)).orElseThrow());
            }
            List<Paper> newestFirst =
                    imported.stream()
                            .sorted(
                                    Comparator.comparing(Paper::announced)
                                            .thenComparing(p -> p.id().id())
                                            .reversed())
                            .toList();
            Map<String, float[]> stored =
                    new VectorStore(db.dataSource())
                            .load(
                                    "bge-small-en-v1.5-q@512",
                                    newestFirst.stream().map(p -> p.id().id()).toList());
            assertThat(stored.keySet())
                    .containsExactlyInAnyOrder(
                            newestFirst.get(0).id().id(), newestFirst.get(1).id().id());
        }

        String newestTitle;
        try (Database db = Database.open(Database.embeddedUrl(data), null, null)) {
            newestTitle =
                    new CatalogStore(db.dataSource())
                            .find(ArxivId.of(newestId(lines)))
                            .orElseThrow()
                            .title();
        }
        CliRun some = CliRun.of("--data-dir", d, "search", "--mode", "semantic", newestTitle);
        assertThat(some.exitCode()).isZero();
        assertThat(some.err()).contains("semantic search covers 2 of 6 papers so far");
        assertThat(some.out()).contains(" 1. ").doesNotContain(" 3. ");
        assertThat(CliRun.of("--data-dir", d, "stats").out())
                .contains("embedded:         2 of 6 (33%)")
                .contains("4 waiting");

        // Every paper embedded: nonsense has no neighbour above the floor, in any mode.
        assertThat(CliRun.of("--data-dir", d, "embed").exitCode()).isZero();
        for (String mode : List.of("hybrid", "semantic", "lexical")) {
            CliRun nonsense =
                    CliRun.of("--data-dir", d, "search", "--mode", mode, "--json", "zzzzqqqxx");
            assertThat(nonsense.exitCode()).as(nonsense.err()).isZero();
            assertThat(nonsense.out().strip()).as(mode).isEqualTo("[]");
        }
        assertThat(CliRun.of("--data-dir", d, "search", "zzzzqqqxx").out())
                .contains("No papers match");
    }

    @Test
    void importJsonPrintsTheReportAsOneObject() throws Exception {
        Path file = dataDir.resolve("one.jsonl");
        Files.writeString(
                file,
                "{\"id\": \"2101.00001\", \"title\": \"T\", \"versions\": [{\"version\": \"v1\","
                        + " \"created\": \"Mon, 04 Jan 2021 00:00:00 GMT\"}]}\n"
                        + "{oops\n");
        CliRun run =
                CliRun.of(
                        "--data-dir",
                        dataDir.resolve("d").toString(),
                        "import",
                        "--json",
                        "--progress",
                        "none",
                        file.toString());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.at("/papers/added").asLong()).isEqualTo(1);
        assertThat(json.at("/rejected").asLong()).isEqualTo(1);
        assertThat(json.at("/rejections/0/location").asText()).isEqualTo(file + ":2");
    }

    @Test
    void badUsageGetsAClearMessageAndExitCode2() {
        assertThat(CliRun.of("import").exitCode()).isEqualTo(2);
        CliRun badId =
                CliRun.of("--data-dir", dataDir.toString(), "harvest", "--id", "not-a-paper");
        assertThat(badId.exitCode()).isEqualTo(2);
        assertThat(badId.err()).contains("'not-a-paper' is not an arXiv id");
        CliRun badProgress =
                CliRun.of(
                        "--data-dir",
                        dataDir.toString(),
                        "import",
                        "--progress",
                        "fancy",
                        "x.json");
        assertThat(badProgress.exitCode()).isEqualTo(2);
        assertThat(badProgress.err()).contains("--progress must be auto, bar, log or none");
        assertThat(CliRun.of("stats", "--no-such-flag").err())
                .contains("Unknown option: '--no-such-flag'");
    }

    @Test
    void evalRecommendationsSaysWhatItNeeds() throws Exception {
        CliRun empty = CliRun.of("--data-dir", dataDir.toString(), "eval", "--recommendations");
        assertThat(empty.exitCode()).as(empty.err()).isEqualTo(1);
        assertThat(empty.err()).contains("no week with 300 papers").doesNotContain("Exception");
        Files.writeString(dataDir.resolve("paperboy.properties"), "search.model=none\n");
        CliRun none = CliRun.of("--data-dir", dataDir.toString(), "eval", "--recommendations");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("set search.model");
        assertThat(CliRun.of("eval", "--recommendations", "--beir", "x").exitCode())
                .as("one collection at a time")
                .isEqualTo(2);
    }

    @Test
    void anUnreadableFileIsReportedWithExitCode1AndTheOthersStillImported() throws Exception {
        Path notes = dataDir.resolve("notes.txt");
        Files.writeString(notes, "hello");
        CliRun run =
                CliRun.of(
                        "--data-dir",
                        dataDir.resolve("d").toString(),
                        "import",
                        "--progress",
                        "none",
                        notes.toString(),
                        SharedData.arxivParts().getFirst().toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("not imported: " + notes).contains("papers:");
        assertThat(run.out()).doesNotContain("papers:     0 added");
    }

    @Test
    void anInvalidSettingNamesTheSettingAndItsVariable() {
        CliRun run = CliRun.of("--data-dir", dataDir.toString(), "serve", "--port", "70000");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("invalid port '70000'");
    }

    @Test
    void adminGrantChangesARoleAndRefusesNonsense() throws Exception {
        CliRun granted =
                CliRun.of(
                        "--data-dir",
                        dataDir.toString(),
                        "admin",
                        "grant",
                        "Curator@Example.org",
                        "curator");
        assertThat(granted.exitCode()).as(granted.err()).isZero();
        // "curator" is a staff word, so the address's local part cannot be the public name
        assertThat(granted.out()).contains("curator@example.org (member) is now curator");
        try (Database db = Database.open(Database.embeddedUrl(dataDir), null, null)) {
            assertThat(
                            new Accounts(db.dataSource())
                                    .findByEmail("curator@example.org")
                                    .orElseThrow()
                                    .role())
                    .isEqualTo(Role.CURATOR);
        }
        CliRun bad =
                CliRun.of(
                        "--data-dir",
                        dataDir.toString(),
                        "admin",
                        "grant",
                        "x@example.org",
                        "emperor");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("role must be member, curator or admin");
    }

    /**
     * The last sample part imported (no model) and {@code email} confirmed for the top {@code
     * trending} daily.
     */
    private void importSampleWithADailySubscriber(String email, int trending) throws Exception {
        Path part = SharedData.arxivParts().getLast();
        Files.writeString(
                dataDir.resolve("paperboy.properties"),
                "search.model=none\nsite.url=https://papers.test\n");
        assertThat(
                        CliRun.of(
                                        "--data-dir",
                                        dataDir.toString(),
                                        "import",
                                        "--progress",
                                        "none",
                                        part.toString())
                                .exitCode())
                .isZero();
        try (Database db = Database.open(Database.embeddedUrl(dataDir), null, null)) {
            Subscriptions subs = new Subscriptions(db.dataSource());
            Subscription s =
                    subs.subscribe(
                            email,
                            new Subscriptions.Preferences(
                                    Cadence.DAILY, trending, List.of(), List.of()),
                            Instant.now());
            subs.confirm(s.id(), Instant.now());
        }
    }

    @Test
    void digestPreviewAndDryRunShowWhatWouldBeSentAndSendNothing() throws Exception {
        importSampleWithADailySubscriber("preview@example.org", 5);
        CliRun preview =
                CliRun.of(
                        "--data-dir",
                        dataDir.toString(),
                        "digest",
                        "preview",
                        "preview@example.org");
        assertThat(preview.exitCode()).as(preview.err()).isZero();
        assertThat(preview.out())
                .contains("Subject: Paperboy: 5 papers for")
                .contains("Why: Trending #1")
                .contains("https://papers.test/digest/unsubscribe?s=");
        CliRun dry = CliRun.of("--data-dir", dataDir.toString(), "digest", "send", "--dry-run");
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("preview@example.org (daily, ").contains("): 5 papers");
        assertThat(dataDir.resolve("outbox")).doesNotExist();

        // no SMTP server configured: the digest is written as an .eml file, once per period
        CliRun send = CliRun.of("--data-dir", dataDir.toString(), "digest", "send");
        assertThat(send.exitCode()).as(send.err()).isZero();
        List<Path> written;
        try (var files = Files.list(dataDir.resolve("outbox"))) {
            written = files.filter(f -> f.toString().endsWith(".eml")).toList();
        }
        assertThat(written).hasSize(1);
        String eml = Files.readString(written.getFirst());
        assertThat(eml)
                .contains("To: preview@example.org")
                .contains("Subject: Paperboy: 5 papers for")
                .contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click")
                .contains("multipart/alternative")
                .contains("text/plain")
                .contains("text/html")
                .contains("Date: ")
                .containsPattern(
                        "Message-ID: <[0-9a-f-]{36}@localhost>"); // the domain of mail.from,
        // paperboy@localhost
        assertThat(CliRun.of("--data-dir", dataDir.toString(), "digest", "send").exitCode())
                .isZero();
        try (var files = Files.list(dataDir.resolve("outbox"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".eml")).count())
                    .as("sent once per period")
                    .isEqualTo(1);
        }
        CliRun unknown =
                CliRun.of(
                        "--data-dir",
                        dataDir.toString(),
                        "digest",
                        "preview",
                        "nobody@example.org");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("no subscription for nobody@example.org");
    }

    @Test
    void digestSendWithoutSiteUrlRefusesAndSendsNothing() throws Exception {
        importSampleWithADailySubscriber("nourl@example.org", 3);
        Files.writeString(dataDir.resolve("paperboy.properties"), "search.model=none\n");
        CliRun send = CliRun.of("--data-dir", dataDir.toString(), "digest", "send");
        assertThat(send.exitCode()).as("a settings problem").isEqualTo(2);
        assertThat(send.err()).contains("digest send needs site.url (PAPERBOY_SITE_URL)");
        assertThat(dataDir.resolve("outbox")).as("nothing written").doesNotExist();
    }

    @Test
    void digestSendTakesTheSmtpSettingsAsFlags() throws Exception {
        importSampleWithADailySubscriber("flags@example.org", 3);
        GreenMail smtp = MailServers.smtp(0);
        try {
            CliRun send =
                    CliRun.of(
                            "--data-dir",
                            dataDir.toString(),
                            "digest",
                            "send",
                            "--smtp-host",
                            "127.0.0.1",
                            "--smtp-port",
                            Integer.toString(smtp.getSmtp().getPort()),
                            "--smtp-security",
                            "none",
                            "--mail-from",
                            "digests@lab.example.org");
            assertThat(send.exitCode()).as(send.err()).isZero();
            assertThat(smtp.getReceivedMessages())
                    .singleElement()
                    .satisfies(
                            m ->
                                    assertThat(m.getFrom()[0].toString())
                                            .isEqualTo("digests@lab.example.org"));
            assertThat(dataDir.resolve("outbox"))
                    .as("sent over SMTP, not written as a file")
                    .doesNotExist();
        } finally {
            smtp.stop();
        }
    }

    /** The id of the newest of these snapshot records (announced, then id, as embed orders). */
    private static String newestId(List<String> lines) throws java.io.IOException {
        ObjectMapper json = new ObjectMapper();
        String best = null;
        java.time.LocalDate bestDay = null;
        for (String line : lines) {
            JsonNode r = json.readTree(line);
            java.time.LocalDate day = SharedData.announced(r);
            String id = r.path("id").asText();
            if (bestDay == null
                    || day.isAfter(bestDay)
                    || (day.equals(bestDay) && id.compareTo(best) > 0)) {
                best = id;
                bestDay = day;
            }
        }
        return java.util.Objects.requireNonNull(best);
    }
}
