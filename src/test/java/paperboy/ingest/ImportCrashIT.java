package paperboy.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import paperboy.catalog.CatalogStore;
import paperboy.catalog.CodeLinkStore;
import paperboy.catalog.Database;
import paperboy.testing.PaperboyProcess;
import paperboy.testing.SharedData;

/**
 * An import killed with kill -9 half-way and run again ends with the same catalog as one that was
 * not.
 */
class ImportCrashIT {
    @TempDir Path crashed;
    @TempDir Path uninterrupted;

    @Test
    void anImportKilledHalfWayAndRunAgainEndsIdenticalToAnUninterruptedOne() throws Exception {
        List<String> args =
                new ArrayList<>(
                        List.of("--data-dir", crashed.toString(), "import", "--progress", "log"));
        SharedData.arxivParts().forEach(p -> args.add(p.toString()));
        args.add(SharedData.pwcLinks().toString());

        try (PaperboyProcess first = PaperboyProcess.start(Map.of(), args.toArray(String[]::new))) {
            first.awaitLine(line -> line.contains("20,000 records written"), Duration.ofMinutes(3));
            first.killHard();
        }
        long afterKill = paperCount(crashed);
        assertThat(afterKill)
                .as("the kill came half-way")
                .isBetween(1L, (long) SharedData.ARXIV_PAPERS - 1);

        try (PaperboyProcess second =
                PaperboyProcess.start(Map.of(), args.toArray(String[]::new))) {
            assertThat(second.awaitExit(Duration.ofMinutes(5))).as(second.output()).isZero();
            assertThat(second.output()).contains("rejected:   0");
        }

        List<Path> files = new ArrayList<>(SharedData.arxivParts());
        files.add(SharedData.pwcLinks());
        try (Database db = Database.open(Database.embeddedUrl(uninterrupted), null, null)) {
            new Importer(new CatalogStore(db.dataSource()), new CodeLinkStore(db.dataSource()))
                    .importFiles(files, ImportProgress.silent());
        }

        assertThat(catalogDigest(crashed)).isEqualTo(catalogDigest(uninterrupted));
        assertThat(paperCount(crashed)).isEqualTo(SharedData.ARXIV_PAPERS);
    }

    private static long paperCount(Path dataDir) throws Exception {
        try (Database db = Database.open(Database.embeddedUrl(dataDir), null, null);
                Connection c = db.dataSource().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM papers")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * A digest of every row and column the user can see (not the change sequence, which counts
     * writes).
     */
    private static String catalogDigest(Path dataDir) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (Database db = Database.open(Database.embeddedUrl(dataDir), null, null);
                Connection c = db.dataSource().getConnection();
                Statement st = c.createStatement()) {
            for (String sql :
                    List.of(
                            "SELECT id, version, title, abstract, authors, categories,"
                                + " primary_category, comments, journal_ref, doi, license,"
                                + " announced, updated, code_url, project_url, content_hash FROM"
                                + " papers ORDER BY id",
                            "SELECT paper_id, repo_url, official, source FROM code_links ORDER BY"
                                    + " paper_id, repo_url")) {
                try (ResultSet rs = st.executeQuery(sql)) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            digest.update(
                                    String.valueOf(rs.getObject(i))
                                            .getBytes(StandardCharsets.UTF_8));
                            digest.update((byte) 0);
                        }
                    }
                }
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
