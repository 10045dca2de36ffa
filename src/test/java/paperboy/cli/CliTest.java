package paperboy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import paperboy.testing.SharedData;

class CliTest {
    @TempDir
    Path dataDir;

    @ParameterizedTest
    @ValueSource(strings = {"", "serve", "import", "harvest", "stats", "search", "reindex", "eval", "bench", "bench import"})
    void everyCommandExplainsItselfWithHelp(String command) {
        String[] args = (command.isEmpty() ? "--help" : command + " --help").split(" ");
        CliRun run = CliRun.of(args);
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: paperboy" + (command.isEmpty() ? "" : " " + command)).contains("--help");
    }

    @Test
    void theTopLevelHelpListsTheCommandsAndTheDataDir() {
        CliRun run = CliRun.of("--help");
        assertThat(run.out()).contains("serve", "import", "harvest", "stats", "--data-dir", "PAPERBOY_DATA_DIR");
    }

    @Test
    void statsJsonReportsWhatAnImportBrought() throws Exception {
        Path part = SharedData.arxivParts().getLast();
        CliRun imported = CliRun.of("--data-dir", dataDir.toString(), "import", "--progress", "none",
                part.toString(), SharedData.pwcLinks().toString());
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
        assertThat(json.get("lastAnnounced").asText()).isGreaterThanOrEqualTo(json.get("firstAnnounced").asText());
    }

    @Test
    void importJsonPrintsTheReportAsOneObject() throws Exception {
        Path file = dataDir.resolve("one.jsonl");
        Files.writeString(file, "{\"id\": \"2101.00001\", \"title\": \"T\", \"versions\": "
                + "[{\"version\": \"v1\", \"created\": \"Mon, 04 Jan 2021 00:00:00 GMT\"}]}\n{oops\n");
        CliRun run = CliRun.of("--data-dir", dataDir.resolve("d").toString(), "import", "--json", "--progress", "none",
                file.toString());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.at("/papers/added").asLong()).isEqualTo(1);
        assertThat(json.at("/rejected").asLong()).isEqualTo(1);
        assertThat(json.at("/rejections/0/location").asText()).isEqualTo(file + ":2");
    }

    @Test
    void badUsageGetsAClearMessageAndExitCode2() {
        assertThat(CliRun.of("import").exitCode()).isEqualTo(2);
        CliRun badId = CliRun.of("--data-dir", dataDir.toString(), "harvest", "--id", "not-a-paper");
        assertThat(badId.exitCode()).isEqualTo(2);
        assertThat(badId.err()).contains("'not-a-paper' is not an arXiv id");
        CliRun badProgress = CliRun.of("--data-dir", dataDir.toString(), "import", "--progress", "fancy", "x.json");
        assertThat(badProgress.exitCode()).isEqualTo(2);
        assertThat(badProgress.err()).contains("--progress must be auto, bar, log or none");
        assertThat(CliRun.of("stats", "--no-such-flag").err()).contains("Unknown option: '--no-such-flag'");
    }

    @Test
    void anUnreadableFileIsReportedWithExitCode1AndTheOthersStillImported() throws Exception {
        Path notes = dataDir.resolve("notes.txt");
        Files.writeString(notes, "hello");
        CliRun run = CliRun.of("--data-dir", dataDir.resolve("d").toString(), "import", "--progress", "none",
                notes.toString(), SharedData.arxivParts().getFirst().toString());
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
}
