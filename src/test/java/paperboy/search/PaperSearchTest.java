package paperboy.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import paperboy.catalog.ArxivId;
import paperboy.catalog.CatalogStore;
import paperboy.catalog.CodeLink;
import paperboy.catalog.CodeLinkStore;
import paperboy.catalog.Database;
import paperboy.catalog.Paper;
import paperboy.catalog.VectorStore;

/** Search over a small real catalog (H2) and index in temp dirs. */
class PaperSearchTest {
    @TempDir Path dir;
    private Database db;
    private CatalogStore catalog;
    private PaperSearch search;

    static Paper paper(
            String id,
            String title,
            String abstractText,
            String category,
            LocalDate day,
            String... authors) {
        return new Paper(
                ArxivId.of(id),
                1,
                title,
                abstractText,
                List.of(authors),
                List.of(category, "stat.ML"),
                null,
                null,
                null,
                null,
                day,
                day,
                null,
                null);
    }

    @BeforeEach
    void openCatalogAndIndex() {
        db = Database.open(Database.embeddedUrl(dir.resolve("data")), null, null);
        catalog = new CatalogStore(db.dataSource());
        catalog.upsert(
                List.of(
                        paper(
                                "2401.00001",
                                "Trainable Fixed-Point Quantization for Deep Networks",
                                "We quantize weights to fixed point numbers with learned scales.",
                                "cs.LG",
                                LocalDate.of(2024, 1, 2),
                                "Ada Lovelace"),
                        paper(
                                "2402.00002",
                                "Deep Equilibrium Models",
                                "Fixed points of implicit layers are found by"
                                        + " root finding; the equilibrium replaces depth.",
                                "cs.LG",
                                LocalDate.of(2024, 2, 3),
                                "Shaojie Bai",
                                "Zico Kolter"),
                        paper(
                                "2303.00003",
                                "Dynamic Fixed Point arithmetic on FPGAs",
                                "Hardware for point clouds that are fixed.",
                                "cs.AR",
                                LocalDate.of(2023, 3, 4),
                                "Grace Hopper"),
                        paper(
                                "2304.00004",
                                "Attention Is Still All You Need",
                                "Transformers, again.",
                                "cs.CL",
                                LocalDate.of(2023, 4, 5),
                                "Geoffrey Hinton")));
        new CodeLinkStore(db.dataSource())
                .upsert(
                        List.of(
                                new CodeLink(
                                        ArxivId.of("2402.00002"),
                                        "https://github.com/locuslab/deq",
                                        true,
                                        "pwc")));
        search = open();
        search.catchUp(n -> {});
    }

    /** Lexical only: these tests are about the index and the query syntax, not the model. */
    private PaperSearch open() {
        return PaperSearch.open(
                dir.resolve("index"), catalog, new VectorStore(db.dataSource()), null, 1);
    }

    @AfterEach
    void close() {
        search.close();
        db.close();
    }

    private List<String> ids(String query) {
        return search.search(query, 0, 10).stream().map(SearchHit::id).toList();
    }

    @Test
    void aCatalogRestoredFromAnOlderBackupRebuildsTheIndexThatReadAhead() throws Exception {
        search.close();
        db.close();
        Path backup = dir.resolve("backup");
        copyTree(dir.resolve("data"), backup); // a backup of the catalog, 4 papers
        db = Database.open(Database.embeddedUrl(dir.resolve("data")), null, null);
        catalog = new CatalogStore(db.dataSource());
        catalog.upsert(
                List.of(
                        paper(
                                "2405.00005",
                                "A paper after the backup",
                                "Later.",
                                "cs.LG",
                                LocalDate.of(2024, 5, 6),
                                "Ada Lovelace")));
        search = open();
        search.catchUp(n -> {});
        assertThat(search.documents()).isEqualTo(5);
        search.close();
        db.close();

        deleteTree(dir.resolve("data"));
        copyTree(backup, dir.resolve("data")); // restored: same catalog id, older changes
        db = Database.open(Database.embeddedUrl(dir.resolve("data")), null, null);
        catalog = new CatalogStore(db.dataSource());
        search = open();
        search.catchUp(n -> {});

        assertThat(search.documents()).as("the index follows the restored catalog").isEqualTo(4);
        assertThat(ids("later")).isEmpty();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    @Test
    void fixedPointFindsEverySpellingAndRanksTheExactPhraseHigh() {
        assertThat(ids("fixed point"))
                .containsExactlyInAnyOrder("2401.00001", "2402.00002", "2303.00003");
        assertThat(ids("Fixed-Points"))
                .containsExactlyInAnyOrder("2401.00001", "2402.00002", "2303.00003");
        assertThat(ids("\"fixed point\"")).doesNotContain("2304.00004");
    }

    @Test
    void filtersNarrowTheResults() {
        assertThat(ids("fixed point cat:cs.LG"))
                .containsExactlyInAnyOrder("2401.00001", "2402.00002");
        assertThat(ids("fixed point year:2023")).containsExactly("2303.00003");
        assertThat(ids("fixed point after:2024-02-01")).containsExactly("2402.00002");
        assertThat(ids("fixed point has:code")).containsExactly("2402.00002");
        assertThat(ids("fixed point -quantization"))
                .containsExactlyInAnyOrder("2402.00002", "2303.00003");
        assertThat(ids("author:\"zico kolter\"")).containsExactly("2402.00002");
        assertThat(ids("title:attention")).containsExactly("2304.00004");
    }

    @Test
    void anAuthorPhraseDoesNotRunAcrossTwoAuthors() {
        assertThat(ids("author:\"shaojie bai\"")).containsExactly("2402.00002");
        assertThat(ids("author:\"bai zico\"")).isEmpty();
    }

    @Test
    void changingTheEmbeddingModelRebuildsTheIndexSoVectorsOfTwoModelsNeverMix() {
        search.close();
        EmbeddingModel other = EmbeddingModel.bgeSmallInt8().withMaxTokens(128);
        search =
                PaperSearch.open(
                        dir.resolve("index"), catalog, new VectorStore(db.dataSource()), other, 1);
        assertThat(search.catchUp(n -> {})).as("every paper again").isEqualTo(4);
        assertThat(search.catchUp(n -> {})).isZero();
        assertThat(ids("fixed point")).hasSize(3);
    }

    @Test
    void anIndexThatDoesNotSayWhichCatalogItWasBuiltFromIsRebuiltOnOpen() {
        search.close();
        try (SearchIndex older = SearchIndex.open(dir.resolve("index"), new Analysis())) {
            // As a Paperboy from before catalog identities left it, far ahead of this catalog.
            older.commit(1_000, new IndexBasis("", "", SearchIndex.LAYOUT));
        }
        search = open();
        assertThat(search.documents()).as("emptied on open, never searched stale").isZero();
        assertThat(search.catchUp(n -> {})).as("every paper again").isEqualTo(4);
        assertThat(ids("fixed point")).hasSize(3);
        search.close();

        search = open();
        assertThat(search.documents()).as("kept: it now records this catalog").isEqualTo(4);
        assertThat(search.catchUp(n -> {})).isZero();
    }

    @Test
    void byDateListsThePapersThatMatchNewestFirstEqualDaysByNewestId() {
        catalog.upsert(
                List.of(
                        paper(
                                "2402.00009",
                                "Fixed points on the same day",
                                "Another fixed point paper.",
                                "cs.LG",
                                LocalDate.of(2024, 2, 3))));
        search.catchUp(n -> {});
        SearchQuery q = QuerySyntax.parse("fixed point");
        assertThat(search.searchByDate(q, 0, 10).stream().map(SearchHit::id))
                .containsExactly("2402.00009", "2402.00002", "2401.00001", "2303.00003");
        assertThat(search.facets(q).matches()).as("the set the counts count").isEqualTo(4);
        assertThat(search.searchByDate(q, 1, 2).stream().map(SearchHit::id))
                .containsExactly("2402.00002", "2401.00001");
        assertThat(
                        search
                                .searchByDate(QuerySyntax.parse("fixed point cat:cs.AR"), 0, 10)
                                .stream()
                                .map(SearchHit::id))
                .containsExactly("2303.00003");
        assertThat(
                        search.searchByDate(QuerySyntax.parse("cat:cs.LG"), 0, 10).stream()
                                .map(SearchHit::id))
                .as("filters alone: what they select")
                .containsExactly("2402.00009", "2402.00002", "2401.00001");
        assertThat(search.searchByDate(QuerySyntax.parse("the of"), 0, 10)).isEmpty();
        assertThatThrownBy(() -> search.searchByDate(q, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theOrderIsRelevanceOrDateByEveryName() {
        assertThat(PaperSearch.Order.parse("relevance")).isEqualTo(PaperSearch.Order.RELEVANCE);
        assertThat(PaperSearch.Order.parse(" Date")).isEqualTo(PaperSearch.Order.NEWEST);
        assertThat(PaperSearch.Order.parse("publishedAt")).isEqualTo(PaperSearch.Order.NEWEST);
        assertThatThrownBy(() -> PaperSearch.Order.parse("upvotes"))
                .hasMessage("sort must be relevance or date (publishedAt), not 'upvotes'");
    }

    @Test
    void filtersAloneListTheNewestPapersFirst() {
        assertThat(ids("cat:cs.lg")).containsExactly("2402.00002", "2401.00001");
    }

    @Test
    void papersAddedToTheCatalogBecomeSearchableAfterCatchUpAndTheIndexRemembersWhereItIs() {
        catalog.upsert(
                List.of(
                        paper(
                                "2405.00005",
                                "Banach fixed point theorem in practice",
                                "Contractions.",
                                "math.GN",
                                LocalDate.of(2024, 5, 6))));
        assertThat(search.catchUp(n -> {})).isEqualTo(1);
        assertThat(ids("banach")).containsExactly("2405.00005");
        long seq = search.indexedSeq();
        search.close();

        search = open();
        assertThat(search.indexedSeq()).isEqualTo(seq);
        assertThat(search.catchUp(n -> {})).isZero();
        assertThat(search.documents()).isEqualTo(5);
        assertThat(search.rebuild(n -> {})).isEqualTo(5);
    }

    @Test
    void highlightsEverySpellingOfTheQueryWordsAndKeepsMarkupAsText() {
        assertThat(search.highlight("fixed points", "Trainable Fixed-Point <b>Quantization</b>"))
                .containsExactly(
                        new Segment(false, "Trainable "),
                        new Segment(true, "Fixed"),
                        new Segment(false, "-"),
                        new Segment(true, "Point"),
                        new Segment(false, " <b>Quantization</b>"));
        assertThat(search.highlight("author:kolter", "Deep Equilibrium Models"))
                .containsExactly(new Segment(false, "Deep Equilibrium Models"));
    }

    @Test
    void countsMatchesInEveryCategoryOfAPaperAndByYear() {
        PaperSearch.Facets facets = search.facets("fixed point");
        assertThat(facets.matches()).isEqualTo(3);
        // every paper is cross-listed in stat.ML: it counts there too, as cat:stat.ML finds it
        assertThat(facets.categories())
                .containsExactly(
                        Map.entry("stat.ML", 3L), Map.entry("cs.LG", 2L), Map.entry("cs.AR", 1L));
        facets.categories()
                .forEach(
                        (category, n) ->
                                assertThat(search.facets("fixed point cat:" + category).matches())
                                        .as("a category counts what choosing it finds")
                                        .isEqualTo(n));
        assertThat(facets.years()).containsExactly(Map.entry(2024, 2L), Map.entry(2023, 1L));
        assertThat(search.facets("fixed point cat:cs.AR").matches()).isEqualTo(1);
        assertThat(search.facets("").matches()).isZero();
    }

    @Test
    void similarPapersFallBackToTheTitleWhileThereIsNoEmbedding() {
        assertThat(
                        search.similar(
                                ArxivId.of("2401.00001"),
                                "Trainable Fixed-Point Quantization for Deep Networks",
                                5))
                .extracting(SearchHit::id)
                .doesNotContain("2401.00001")
                .contains("2402.00002", "2303.00003");
    }

    @Test
    void similarPapersAreKeptOnlyUntilTheIndexChanges() {
        ArxivId quantization = ArxivId.of("2401.00001");
        String text = "Trainable Fixed-Point Quantization for Deep Networks";
        assertThat(search.similar(quantization, text, 5))
                .extracting(SearchHit::id)
                .doesNotContain("2405.00005");
        catalog.upsert(
                List.of(
                        paper(
                                "2405.00005",
                                "Trainable Quantization of Deep Networks",
                                "Quantization that is trainable.",
                                "cs.LG",
                                LocalDate.of(2024, 5, 6),
                                "Alan Turing")));
        search.catchUp(n -> {});
        assertThat(search.similar(quantization, text, 5))
                .extracting(SearchHit::id)
                .startsWith("2405.00005");
    }

    @Test
    void pagesThroughResultsAndRefusesOutOfRangePages() {
        assertThat(search.search("fixed point", 2, 10)).hasSize(1);
        assertThat(search.search("fixed point", 50, 10)).isEmpty();
        assertThatThrownBy(() -> search.search("x", 0, 0))
                .hasMessageContaining("limit must be between 1 and 100");
        assertThatThrownBy(() -> search.search("x", -1, 10)).hasMessageContaining("offset");
        assertThatThrownBy(() -> search.search("x", PaperSearch.Mode.SEMANTIC, 0, 10))
                .hasMessageContaining("needs an embedding model");
    }

    @Test
    void thousandsOfRandomAndHostileQueriesNeverThrow() {
        List<String> hostile =
                new ArrayList<>(
                        List.of(
                                "",
                                " ",
                                "\"",
                                "\"\"",
                                "-",
                                "--",
                                "-\"",
                                "AND OR (",
                                ")",
                                "author:",
                                "author:\"",
                                "cat:",
                                "year:",
                                "year:99999",
                                "year:2024-",
                                "after:2024-13-45",
                                "before:-1",
                                "has:",
                                "title:\"\"",
                                "🧪🔬 fixed ⚗️ point",
                                "\u0000\u0001\u0002",
                                "*",
                                "?",
                                "~",
                                "^2",
                                "a:b:c:d",
                                "x".repeat(10_000),
                                "fixed point ".repeat(1000),
                                "\\",
                                "\"fixed point",
                                "-\"fixed point\"",
                                "NOT",
                                "title:\"fixed",
                                "ti:\"a\" au:\"b\"",
                                "<script>alert(1)</script>",
                                "' OR 1=1 --"));
        Random random = new Random(42);
        String alphabet =
                "ab fixedpoint\"-:()*?~^\\/ AND OR NOT author title cat year after before has code"
                        + " 2024-01-01 é漢🙂\t\n";
        for (int i = 0; i < 3000; i++) {
            StringBuilder q = new StringBuilder();
            int length = random.nextInt(60);
            for (int j = 0; j < length; j++) {
                q.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            hostile.add(q.toString());
        }
        for (String q : hostile) {
            assertThatCode(() -> search.search(q, 0, 10))
                    .as("query %s", q)
                    .doesNotThrowAnyException();
        }
    }
}
