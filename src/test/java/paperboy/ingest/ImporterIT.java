package paperboy.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import paperboy.catalog.ArxivId;
import paperboy.catalog.CatalogStore;
import paperboy.catalog.CodeLinkStore;
import paperboy.catalog.Database;
import paperboy.catalog.Paper;
import paperboy.catalog.UpsertOutcome;
import paperboy.testing.SharedData;
import paperboy.testing.TestDatabases;

class ImporterIT {
    @TempDir Path tempDir;

    private static ImportReport importFiles(Database db, List<Path> files) {
        return new Importer(new CatalogStore(db.dataSource()), new CodeLinkStore(db.dataSource()))
                .importFiles(files, ImportProgress.silent());
    }

    @Test
    void importsTheWholeArxivSampleAndItsCodeLinksOnceAndASecondTimeChangesNothing() {
        List<Path> files = new ArrayList<>(SharedData.arxivParts());
        files.add(SharedData.pwcLinks());
        try (Database db = TestDatabases.open("h2", tempDir)) {
            ImportReport first = importFiles(db, files);
            assertThat(first.papers(UpsertOutcome.ADDED)).isEqualTo(SharedData.ARXIV_PAPERS);
            assertThat(first.codeLinks(UpsertOutcome.ADDED)).isEqualTo(SharedData.PWC_LINKS);
            assertThat(first.rejected()).as(first.format()).isZero();

            ImportReport second = importFiles(db, files);
            assertThat(second.papers(UpsertOutcome.ADDED) + second.papers(UpsertOutcome.UPDATED))
                    .isZero();
            assertThat(second.papers(UpsertOutcome.UNCHANGED)).isEqualTo(SharedData.ARXIV_PAPERS);
            assertThat(second.codeLinks(UpsertOutcome.UNCHANGED)).isEqualTo(SharedData.PWC_LINKS);

            CatalogStore store = new CatalogStore(db.dataSource());
            assertThat(store.stats().papers()).isEqualTo(SharedData.ARXIV_PAPERS);
            // 2112.13515 has no link in its text; the PwC dump names its official repository.
            assertThat(store.find(ArxivId.of("2112.13515")).orElseThrow().codeUrl())
                    .isEqualTo("https://github.com/url-kaist/uv-slam");
        }
    }

    @ParameterizedTest
    @MethodSource("paperboy.testing.TestDatabases#kinds")
    void aNewerVersionOfAPaperUpdatesItAndAnOlderOneIsIgnored(String kind) throws IOException {
        List<String> lines = firstLines(SharedData.arxivParts().getFirst(), 50);
        Path original = write("original.jsonl", lines);
        ObjectMapper json = new ObjectMapper();
        ObjectNode record = (ObjectNode) json.readTree(lines.get(7));
        String id = record.get("id").asText();
        record.withArray("versions")
                .addObject()
                .put("version", "v2")
                .put("created", "Tue, 01 Apr 2025 00:00:00 GMT");
        record.put("title", "A revised title");
        record.put("update_date", "2025-04-01");
        Path revised = write("revised.jsonl", List.of(json.writeValueAsString(record)));

        try (Database db = TestDatabases.open(kind, tempDir)) {
            assertThat(importFiles(db, List.of(original)).papers(UpsertOutcome.ADDED))
                    .isEqualTo(50);
            ImportReport update = importFiles(db, List.of(revised));
            assertThat(update.papers(UpsertOutcome.UPDATED)).isEqualTo(1);
            ImportReport again = importFiles(db, List.of(original));
            assertThat(again.papers(UpsertOutcome.STALE)).isEqualTo(1);
            assertThat(again.papers(UpsertOutcome.UNCHANGED)).isEqualTo(49);

            Paper paper = new CatalogStore(db.dataSource()).find(ArxivId.of(id)).orElseThrow();
            assertThat(paper.version()).isEqualTo(2);
            assertThat(paper.title()).isEqualTo("A revised title");
        }
    }

    @Test
    void rejectsMalformedRecordsWithFileAndLineAndImportsTheRest() throws IOException {
        List<String> good = firstLines(SharedData.arxivParts().getFirst(), 3);
        Path file =
                write(
                        "mixed.jsonl",
                        List.of(
                                good.get(0),
                                "{\"id\": \"2101.00001\", \"title\": \"cut off in the middle",
                                good.get(1),
                                "",
                                "{\"id\": \"not-an-id\", \"title\": \"T\", \"versions\":"
                                        + " [{\"version\": \"v1\", \"created\": \"Mon, 12 Nov 2012"
                                        + " 00:00:00 GMT\"}]}",
                                "{\"id\": \"2101.00002\", \"title\": \"  \", \"versions\":"
                                        + " [{\"version\": \"v1\", \"created\": \"Mon, 12 Nov 2012"
                                        + " 00:00:00 GMT\"}]}",
                                "{\"id\": \"2101.00003\", \"title\": \"T\", \"versions\":"
                                        + " [{\"version\": \"v1\", \"created\": \"yesterday\"}]}",
                                good.get(2)));

        try (Database db = TestDatabases.open("h2", tempDir)) {
            ImportReport report = importFiles(db, List.of(file));

            assertThat(report.papers(UpsertOutcome.ADDED)).isEqualTo(3);
            assertThat(report.rejectedByReason())
                    .containsOnly(
                            Map.entry("malformed JSON", 1L), Map.entry("invalid id", 1L),
                            Map.entry("no title", 1L), Map.entry("invalid v1 date", 1L));
            assertThat(report.rejections())
                    .extracting(ImportReport.Rejection::location)
                    .containsExactly(file + ":2", file + ":5", file + ":6", file + ":7");
            assertThat(report.format())
                    .contains(file + ":5: invalid id: 'not-an-id' is not an arXiv id");
        }
    }

    @Test
    void tellsFormatsByContentReadsPlainAndGzipAndReportsFilesItCannotRead() throws IOException {
        List<String> lines = firstLines(SharedData.arxivParts().getFirst(), 20);
        Path plainWithGzName = write("misnamed.json.gz", lines.subList(0, 10));
        Path gzipWithTxtName = tempDir.resolve("compressed.txt");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzipWithTxtName))) {
            out.write(String.join("\n", lines.subList(10, 20)).getBytes(StandardCharsets.UTF_8));
        }
        Path csv = write("notes.csv", List.of("id,title", "1,2"));
        Path missing = tempDir.resolve("missing.json");

        try (Database db = TestDatabases.open("h2", tempDir)) {
            ImportReport report =
                    importFiles(db, List.of(plainWithGzName, csv, gzipWithTxtName, missing));

            assertThat(report.papers(UpsertOutcome.ADDED)).isEqualTo(20);
            assertThat(report.unreadableFiles()).hasSize(2);
            assertThat(report.unreadableFiles().get(0))
                    .contains("notes.csv")
                    .contains("not a format Paperboy imports");
            assertThat(report.unreadableFiles().get(1))
                    .contains("missing.json")
                    .contains("cannot read");
        }
    }

    @Test
    void rejectsPapersWithCodeRecordsWithoutARepositoryOrId() throws IOException {
        Path dump =
                write(
                        "links.json",
                        List.of(
                                "[",
                                "{\"paper_arxiv_id\": \"2108.13958\", \"repo_url\":"
                                    + " \"https://github.com/prinik/awa-pose\", \"is_official\":"
                                    + " true},",
                                "{\"paper_arxiv_id\": null, \"paper_url_abs\":"
                                        + " \"https://arxiv.org/abs/2109.00524v2\", \"repo_url\":"
                                        + " \"https://github.com/t/v\", \"is_official\": false},",
                                "{\"paper_arxiv_id\": null, \"paper_url_abs\": null, \"repo_url\":"
                                        + " \"https://github.com/x/y\"},",
                                "{\"paper_arxiv_id\": \"2108.13958\", \"repo_url\": null}",
                                "]"));
        try (Database db = TestDatabases.open("h2", tempDir)) {
            ImportReport report = importFiles(db, List.of(dump));
            assertThat(report.codeLinks(UpsertOutcome.ADDED)).isEqualTo(2);
            assertThat(report.rejectedByReason()).containsOnlyKeys("no arXiv id", "no repo_url");
            assertThat(report.rejections().getFirst().location()).startsWith(dump + ":4:");
        }
    }

    private Path write(String name, List<String> lines) throws IOException {
        Path file = tempDir.resolve(name);
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    private static List<String> firstLines(Path gz, int n) throws IOException {
        try (BufferedReader r =
                new BufferedReader(
                        new InputStreamReader(
                                new GZIPInputStream(Files.newInputStream(gz)),
                                StandardCharsets.UTF_8))) {
            return r.lines().limit(n).toList();
        }
    }
}
