package paperboy.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static paperboy.library.ReferenceFormatTest.resource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import paperboy.catalog.ArxivId;
import paperboy.catalog.CatalogStore;
import paperboy.catalog.CodeLinkStore;
import paperboy.catalog.Database;
import paperboy.catalog.Paper;
import paperboy.catalog.VectorStore;
import paperboy.community.CommunityStore;
import paperboy.ingest.ImportProgress;
import paperboy.ingest.Importer;
import paperboy.library.LibraryImport.MatchedBy;
import paperboy.library.LibraryImport.Report;
import paperboy.search.PaperSearch;
import paperboy.testing.SharedData;
import paperboy.testing.TestDatabases;

/**
 * Importing members' libraries into a catalog of one real part of the arXiv sample (3,656 papers),
 * on H2 and PostgreSQL: entries match by arXiv id, DOI or exact title, the report says how many and
 * lists the rest with the reason, and a second import adds nothing twice.
 */
class LibraryImportTest {
    @TempDir Path dir;

    @ParameterizedTest
    @MethodSource("paperboy.testing.TestDatabases#kinds")
    void libraryFilesMatchByIdDoiAndTitleAndTheReportListsTheRest(String kind) throws Exception {
        try (Database db = TestDatabases.open(kind, dir.resolve("data"))) {
            CatalogStore catalog = new CatalogStore(db.dataSource());
            new Importer(catalog, new CodeLinkStore(db.dataSource()))
                    .importFiles(
                            List.of(SharedData.arxivParts().getLast()), ImportProgress.silent());
            // arXiv's metadata carries a paper's journal DOI once published; the sample has none
            catalog.upsert(List.of(resNet(), gravitationalWaves()));
            long member = new CommunityStore(db.dataSource()).member("ada@example.org", "ada");
            long other = new CommunityStore(db.dataSource()).member("bob@example.org", "bob");
            LibraryStore library = new LibraryStore(db.dataSource(), Clock.systemUTC());
            try (PaperSearch search =
                    PaperSearch.open(
                            dir.resolve("index"),
                            catalog,
                            new VectorStore(db.dataSource()),
                            null,
                            1)) {
                search.catchUp(n -> {});
                LibraryImport imports = new LibraryImport(catalog, search, library);

                Report bib = imports.run(member, resource("zotero.bib"));
                assertThat(bib.format()).isEqualTo(ReferenceFormat.BIBTEX);
                assertThat(bib.entries()).isEqualTo(7);
                assertThat(bib.matched())
                        .isEqualTo(
                                Map.of(
                                        MatchedBy.ARXIV_ID,
                                        4,
                                        MatchedBy.DOI,
                                        0,
                                        MatchedBy.TITLE,
                                        1));
                assertThat(bib.added()).isEqualTo(5);
                assertThat(bib.unmatched())
                        .extracting(LibraryImport.Unmatched::label, LibraryImport.Unmatched::why)
                        .containsExactly(
                                org.assertj.core.groups.Tuple.tuple(
                                        "Attention Is All You Need",
                                        "arXiv 1706.03762 is not in this catalog"),
                                org.assertj.core.groups.Tuple.tuple(
                                        "The \\TeXbook",
                                        "no paper here has its title, and it has no arXiv id or"
                                                + " DOI"));
                assertThat(bib.unreadable()).hasSize(1);
                assertThat(library.papers(member))
                        .containsExactlyInAnyOrder(
                                "2606.12852",
                                "2606.12854",
                                "2606.12858",
                                "2606.13246",
                                "2606.12869");

                Report ris = imports.run(member, resource("zotero.ris"));
                assertThat(ris.matchedCount()).isEqualTo(3);
                assertThat(ris.matchedBy(MatchedBy.TITLE)).as("HarnessBridge, in capitals").isOne();
                assertThat(ris.unmatched())
                        .extracting(LibraryImport.Unmatched::label)
                        .containsExactly("The Art of Computer Programming");

                Report json = imports.run(member, resource("zotero.json"));
                assertThat(json.matched())
                        .isEqualTo(
                                Map.of(
                                        MatchedBy.ARXIV_ID,
                                        2,
                                        MatchedBy.DOI,
                                        1,
                                        MatchedBy.TITLE,
                                        1));
                assertThat(json.unmatched()).isEmpty();
                assertThat(json.unreadable()).containsExactly("item 5: not an object");
                assertThat(library.papers(member)).hasSize(12).contains("1512.03385");

                Report mixedCase =
                        imports.run(
                                other, "@article{ligo, doi = {10.1103/PhysRevLett.116.061102}}\n");
                assertThat(mixedCase.matchedBy(MatchedBy.DOI))
                        .as("a DOI in the publisher's capitals")
                        .isOne();
                assertThat(library.papers(other)).containsExactly("1602.03837");
                library.remove(ArxivId.of("1602.03837"), other);

                Report again = imports.run(member, resource("zotero.bib"));
                assertThat(again.matchedCount()).isEqualTo(5);
                assertThat(again.added()).as("nothing twice").isZero();
                assertThat(library.papers(member)).hasSize(12);
                assertThat(library.papers(other)).as("one member's import is theirs").isEmpty();

                assertThat(library.toggle(ArxivId.of("2606.12852"), member)).isFalse();
                assertThat(library.papers(member)).hasSize(11).doesNotContain("2606.12852");
                assertThat(library.toggle(ArxivId.of("2606.12852"), member)).isTrue();
                assertThat(library.papers(member).getFirst())
                        .as("newest first")
                        .isEqualTo("2606.12852");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("paperboy.testing.TestDatabases#kinds")
    void aFileOfNoFormatOrWithoutEntriesIsRefusedWithWhy(String kind) throws Exception {
        try (Database db = TestDatabases.open(kind, dir.resolve("data"));
                PaperSearch search =
                        PaperSearch.open(
                                dir.resolve("index"),
                                new CatalogStore(db.dataSource()),
                                new VectorStore(db.dataSource()),
                                null,
                                1)) {
            LibraryImport imports =
                    new LibraryImport(
                            new CatalogStore(db.dataSource()),
                            search,
                            new LibraryStore(db.dataSource(), Clock.systemUTC()));
            long member = new CommunityStore(db.dataSource()).member("ada@example.org", "ada");
            assertThatThrownBy(() -> imports.run(member, "Dear diary"))
                    .isInstanceOf(UnreadableFileException.class)
                    .hasMessageContaining("not BibTeX (.bib), RIS (.ris) or CSL-JSON");
            assertThatThrownBy(() -> imports.run(member, "[]"))
                    .isInstanceOf(UnreadableFileException.class)
                    .hasMessageContaining("holds no entries");
            assertThatThrownBy(() -> imports.run(member, "{\"title\": "))
                    .isInstanceOf(UnreadableFileException.class)
                    .hasMessageContaining("not valid JSON");
        }
    }

    private static Paper gravitationalWaves() {
        LocalDate day = LocalDate.of(2016, 2, 11);
        return new Paper(
                ArxivId.of("1602.03837"),
                1,
                "Observation of Gravitational Waves from a Binary Black Hole Merger",
                "On September 14, 2015 at 09:50:45 UTC the two detectors observed a signal.",
                List.of("LIGO Scientific Collaboration"),
                List.of("gr-qc"),
                null,
                null,
                "10.1103/PhysRevLett.116.061102",
                null,
                day,
                day,
                null,
                null);
    }

    private static Paper resNet() {
        LocalDate day = LocalDate.of(2015, 12, 10);
        return new Paper(
                ArxivId.of("1512.03385"),
                1,
                "Deep Residual Learning for Image Recognition",
                "Deeper neural networks are more difficult to train.",
                List.of("Kaiming He", "Xiangyu Zhang", "Shaoqing Ren", "Jian Sun"),
                List.of("cs.CV"),
                null,
                null,
                "10.1109/CVPR.2016.90",
                null,
                day,
                day,
                null,
                null);
    }
}
