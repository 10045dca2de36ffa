package paperboy.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import paperboy.catalog.CatalogStore;
import paperboy.catalog.CodeLinkStore;
import paperboy.catalog.Database;
import paperboy.catalog.Paper;
import paperboy.catalog.VectorStore;
import paperboy.ingest.ImportProgress;
import paperboy.ingest.Importer;
import paperboy.testing.SharedData;

/** Spelling correction over a lexical index of one real part of the arXiv sample (3,656 papers). */
class SpellingCorrectionTest {
    @TempDir static Path dir;
    private static Database db;
    private static CatalogStore catalog;
    private static PaperSearch search;

    @BeforeAll
    static void importAndIndex() {
        db = Database.open(Database.embeddedUrl(dir.resolve("data")), null, null);
        catalog = new CatalogStore(db.dataSource());
        new Importer(catalog, new CodeLinkStore(db.dataSource()))
                .importFiles(List.of(SharedData.arxivParts().getLast()), ImportProgress.silent());
        search =
                PaperSearch.open(
                        dir.resolve("index"), catalog, new VectorStore(db.dataSource()), null, 1);
        search.catchUp(n -> {});
    }

    @AfterAll
    static void close() {
        search.close();
        db.close();
    }

    private static List<String> ids(SearchQuery q) {
        return search.search(q, 0, 10).stream().map(SearchHit::id).toList();
    }

    private static Optional<String> corrected(String typed) {
        return search.correction(typed).map(PaperSearch.Correction::text);
    }

    @Test
    void aMisspelledQueryFindsWhatTheCorrectlySpelledOneFinds() {
        PaperSearch.Correction c = search.correction("oversmothing graph nueral").orElseThrow();
        assertThat(c.text()).isEqualTo("oversmoothing graph neural");
        assertThat(c.corrected()).containsExactly("oversmoothing", "neural");

        List<String> right = ids(QuerySyntax.parse("oversmoothing graph neural"));
        assertThat(right).isNotEmpty();
        assertThat(ids(c.query())).isEqualTo(right);
        assertThat(ids(QuerySyntax.parse("oversmothing graph nueral")))
                .as("uncorrected, the misspelled words find nothing of their own")
                .isNotEqualTo(right);
    }

    @Test
    void wordsThePapersUseAreNeverChanged() {
        assertThat(corrected("oversmoothing graph neural networks")).isEmpty();
        assertThat(corrected("diffusion models for protein structure")).isEmpty();
        // Every longer word of some real titles: each is in the index, so none is "corrected".
        Set<String> words = new TreeSet<>();
        for (Paper p :
                catalog.findAll(
                                search.search("learning", 0, PaperSearch.MAX_LIMIT).stream()
                                        .map(SearchHit::id)
                                        .toList())
                        .values()) {
            for (String w : p.title().split("[^\\p{L}]+")) {
                if (w.length() >= Spelling.MIN_WORD_LENGTH) {
                    words.add(w);
                }
            }
        }
        assertThat(words).hasSizeGreaterThan(100);
        assertThat(words).allSatisfy(w -> assertThat(corrected(w)).as(w).isEmpty());
        assertThat(corrected(String.join(" ", words.stream().limit(30).toList()))).isEmpty();
        assertThat(corrected("graph ".repeat(332) + "oversmoothing"))
                .as("the word cut off at the query's length limit is no misspelling")
                .isEmpty();
    }

    @Test
    void nonsenseAndShortWordsAreLeftAlone() {
        assertThat(corrected("zzzzqqqxx")).isEmpty();
        assertThat(corrected("qwxzv")).isEmpty();
        assertThat(corrected("grph nurl")).as("shorter than five letters").isEmpty();
        assertThat(corrected("gr4ph neur0l 2024")).as("digits are not letters").isEmpty();
    }

    @Test
    void onlyPlainWordsAreCorrectedAndTheRestStaysAsTyped() {
        assertThat(
                        corrected(
                                "\"graph nueral\" -nueral author:nueral title:nueral cat:cs.LG"
                                        + " year:2020-2024 oversmothing"))
                .contains(
                        "\"graph nueral\" -nueral author:nueral title:nueral cat:cs.LG"
                                + " year:2020-2024 oversmoothing");
        assertThat(corrected("(Nueral, graph)")).contains("(Neural, graph)");
    }

    @Test
    void aStemWhoseWordCannotBeRebuiltShowsTheWordThePapersUse() {
        // "studdy" stems to "studdi": the typed ending cannot be put on "studi", so the form is
        // read from papers that hold the stem.
        assertThat(corrected("studdy"))
                .hasValueSatisfying(w -> assertThat(w).isIn("study", "studies"));
    }

    @Test
    void theTypedEndingIsKeptOnlyWhereThePapersWriteThatWord() {
        // "convolutonal" stems to "convoluton", two edits from "convolut": "convolut" + "al" would
        // stem right but is no word.
        assertThat(corrected("convolutonal networks")).contains("convolutional networks");
    }

    @Test
    void editsCountATranspositionOnce() {
        assertThat(Spelling.edits("nueral", "neural")).isEqualTo(1);
        assertThat(Spelling.edits("oversmoth", "oversmooth")).isEqualTo(1);
        assertThat(Spelling.edits("graph", "graph")).isZero();
        assertThat(Spelling.edits("abc", "")).isEqualTo(3);
    }
}
