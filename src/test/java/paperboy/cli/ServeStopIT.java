package paperboy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import paperboy.Paperboy;
import paperboy.testing.PaperboyProcess;
import paperboy.testing.SharedData;

/**
 * A normal stop (SIGTERM, as systemd and Ctrl-C send it) of a {@code serve} that is embedding,
 * twelve times at different moments, the first ones while it is still starting: it logs no ERROR
 * and the JVM never crashes (no hs_err file).
 */
class ServeStopIT {
    @TempDir Path dir;

    @Test
    void stoppingServeWhileItEmbedsLogsNoErrorAndNeverCrashes() throws Exception {
        Path data = dir.resolve("data");
        Path crashes = Files.createDirectories(dir.resolve("crashes"));
        StringWriter out = new StringWriter();
        int imported =
                Paperboy.run(
                        new PrintWriter(out),
                        new PrintWriter(out),
                        "--data-dir",
                        data.toString(),
                        "import",
                        "--progress",
                        "none",
                        SharedData.arxivParts().getLast().toString());
        assertThat(imported).as(out.toString()).isZero();
        Map<String, String> env =
                Map.of("JAVA_TOOL_OPTIONS", "-XX:ErrorFile=" + crashes + "/hs_err_pid%p.log");
        for (int run = 0; run < 12; run++) {
            try (PaperboyProcess serve =
                    PaperboyProcess.start(
                            env,
                            "--data-dir",
                            data.toString(),
                            "serve",
                            "--port",
                            "0",
                            "--no-harvest")) {
                // while the background embedding runs (it starts 5 s after the site), at
                // different points of a round
                serve.awaitLine(
                        l -> l.contains("embedded in the background"), Duration.ofSeconds(120));
                Thread.sleep(5_000 + run * 400L);
                serve.stop();
                int exit = serve.awaitExit(Duration.ofSeconds(90));
                List<String> errors =
                        serve.lines().stream()
                                .filter(l -> l.contains(" ERROR ") || l.startsWith("paperboy: "))
                                .toList();
                assertThat(errors).as("run %d, exit %d:%n%s", run, exit, serve.output()).isEmpty();
                assertThat(exit).as("run %d: ended by SIGTERM, not by a crash", run).isIn(0, 143);
            }
            try (Stream<Path> files = Files.list(crashes)) {
                assertThat(files).as("run %d: JVM crash files", run).isEmpty();
            }
        }
    }
}
