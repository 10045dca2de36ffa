package paperboy.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import paperboy.catalog.CatalogStore;
import paperboy.catalog.Database;
import paperboy.catalog.Paper;
import paperboy.catalog.VectorStore;

/**
 * An author's papers are found by the whole name, after NFC and case folding: spellings of one name
 * meet, other names that share its words do not. Real H2 catalog and Lucene index.
 */
class AuthorPapersTest {
    @TempDir Path dir;
    private Database db;
    private PaperSearch search;

    @BeforeEach
    void openCatalogAndIndex() {
        db = Database.open(Database.embeddedUrl(dir.resolve("data")), null, null);
        CatalogStore catalog = new CatalogStore(db.dataSource());
        catalog.upsert(
                List.of(
                        paper("2401.00001", LocalDate.of(2024, 1, 2), "Wei Wang", "Ada Lovelace"),
                        paper("2402.00002", LocalDate.of(2024, 2, 3), "WEI WANG"),
                        paper("2403.00003", LocalDate.of(2024, 3, 4), "Wang Wei"),
                        paper("2404.00004", LocalDate.of(2024, 4, 5), "Wei Wang Jr"),
                        paper("2405.00005", LocalDate.of(2024, 5, 6), "Xiao Wei Wang"),
                        paper("2406.00006", LocalDate.of(2024, 6, 7), "H Rueß"),
                        paper("2407.00007", LocalDate.of(2024, 7, 8), "H Ruess"),
                        // as arXiv's record 1712.04139 spells it: u and a combining diaeresis
                        paper("2408.00008", LocalDate.of(2024, 8, 9), "H Gu\u0308naydın")));
        search =
                PaperSearch.open(
                        dir.resolve("index"), catalog, new VectorStore(db.dataSource()), null, 1);
        search.catchUp(n -> {});
    }

    @AfterEach
    void close() {
        search.close();
        db.close();
    }

    private static Paper paper(String id, LocalDate day, String... authors) {
        return PaperSearchTest.paper(id, "A title " + id, "An abstract.", "cs.LG", day, authors);
    }

    private List<String> ids(String name) {
        return search.byAuthor(name, 0, 100).hits().stream().map(SearchHit::id).toList();
    }

    @Test
    void theWholeNameMatchesInAnyCaseNewestFirstAndNamesSharingItsWordsDoNot() {
        assertThat(ids("Wei Wang")).containsExactly("2402.00002", "2401.00001");
        assertThat(ids("wei wang")).containsExactly("2402.00002", "2401.00001");
        assertThat(ids("  Wei   WANG ")).containsExactly("2402.00002", "2401.00001");
        assertThat(ids("Wang Wei")).containsExactly("2403.00003");
        assertThat(ids("Wang")).isEmpty();
        assertThat(search.search("author:\"wei wang\"", 0, 100))
                .as("author: search still matches words of names, and more papers")
                .hasSizeGreaterThan(2);
    }

    @Test
    void composedAndDecomposedSpellingsAndFullCaseFoldingMeet() {
        assertThat(ids("H Günaydın")).containsExactly("2408.00008");
        assertThat(ids("h gu\u0308naydin")).as("a dotted i is another letter").isEmpty();
        assertThat(ids("h günaydın")).containsExactly("2408.00008");
        assertThat(ids("H GÜNAYDIN"))
                .as("upper-case dotless ı is I, whose lower case is i: not the same name")
                .isEmpty();
        assertThat(ids("h rueß")).containsExactly("2407.00007", "2406.00006");
        assertThat(ids("H RUESS")).containsExactly("2407.00007", "2406.00006");
    }

    @Test
    void pagesThroughAnAuthorsPapersWithTheTotal() {
        List<Paper> many = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            many.add(
                    paper(String.format("2501.%05d", i), LocalDate.of(2025, 1, i), "Grace Hopper"));
        }
        new CatalogStore(db.dataSource()).upsert(many);
        search.catchUp(n -> {});
        PaperSearch.AuthorPapers first = search.byAuthor("grace hopper", 0, 3);
        PaperSearch.AuthorPapers last = search.byAuthor("grace hopper", 6, 3);
        assertThat(first.total()).isEqualTo(7);
        assertThat(first.hits().stream().map(SearchHit::id))
                .containsExactly("2501.00007", "2501.00006", "2501.00005");
        assertThat(last.hits().stream().map(SearchHit::id)).containsExactly("2501.00001");
        assertThat(search.byAuthor("grace hopper", 70, 3).hits()).isEmpty();
        assertThat(search.byAuthor("", 0, 3).total()).isZero();
        assertThatThrownBy(() -> search.byAuthor("grace hopper", 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
