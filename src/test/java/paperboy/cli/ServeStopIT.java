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
 * twelve times at different moments of a round, and of one that is still loading its models: it
 * logs no ERROR and the JVM never crashes (no hs_err file, no abort). Both crashed before the stop
 * ran ahead of ONNX Runtime's own shutdown hook ({@link StopSignals}).
 */
class ServeStopIT {
    @TempDir Path dir;

    @Test
    void stoppingServeWhileItEmbedsLogsNoErrorAndNeverCrashes() throws Exception {
        Path data = dir.resolve("data");
        Path crashes = Files.createDirectories(dir.resolve("crashes"));
        importSample(data);
        for (int run = 0; run < 12; run++) {
            try (PaperboyProcess serve = serve(data, crashes)) {
                // while the background embedding runs (it starts 5 s after the site), at
                // different points of a round
                serve.awaitLine(
                        l -> l.contains("embedded in the background"), Duration.ofSeconds(120));
                Thread.sleep(5_000 + run * 400L);
                stopAndCheck(serve, run, crashes);
            }
        }
    }

    @Test
    void stoppingServeWhileItLoadsItsModelsLogsNoErrorAndNeverCrashes() throws Exception {
        Path data = dir.resolve("data");
        Path crashes = Files.createDirectories(dir.resolve("crashes"));
        importSample(data);
        // The models load in the two seconds after the site starts serving: stops 0.9 and 1.3 s
        // after it ended in SIGABRT (or SIGSEGV in OrtSession.createSession) when the JVM's hooks
        // ran unordered.
        for (int run = 0; run < 8; run++) {
            try (PaperboyProcess serve = serve(data, crashes)) {
                serve.awaitLine(l -> l.contains("Paperboy is serving"), Duration.ofSeconds(120));
                Thread.sleep(250L * run);
                stopAndCheck(serve, run, crashes);
            }
        }
    }

    private static void importSample(Path data) {
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
    }

    private static PaperboyProcess serve(Path data, Path crashes) throws Exception {
        return PaperboyProcess.start(
                Map.of("JAVA_TOOL_OPTIONS", "-XX:ErrorFile=" + crashes + "/hs_err_pid%p.log"),
                "--data-dir",
                data.toString(),
                "serve",
                "--port",
                "0",
                "--no-harvest");
    }

    private static void stopAndCheck(PaperboyProcess serve, int run, Path crashes)
            throws Exception {
        serve.stop();
        int exit = serve.awaitExit(Duration.ofSeconds(90));
        List<String> errors =
                serve.lines().stream()
                        .filter(l -> l.contains(" ERROR ") || l.startsWith("paperboy: "))
                        .toList();
        assertThat(errors).as("run %d, exit %d:%n%s", run, exit, serve.output()).isEmpty();
        assertThat(exit)
                .as("run %d: ended by SIGTERM, not by a crash:%n%s", run, serve.output())
                .isIn(0, 143);
        try (Stream<Path> files = Files.list(crashes)) {
            assertThat(files).as("run %d: JVM crash files", run).isEmpty();
        }
    }
}
