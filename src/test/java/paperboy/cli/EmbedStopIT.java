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
 * {@code paperboy embed} stopped with SIGTERM (Ctrl-C) mid-run, three times: it ends its round,
 * says how to go on, and the JVM never crashes (it did, in ONNX Runtime, when it exited under a
 * running model); every run adds vectors, so a stop loses nothing but the round in progress.
 */
class EmbedStopIT {
    @TempDir Path dir;

    @Test
    void stoppingEmbedMidRunEndsCleanlyAndKeepsWhatWasEmbedded() throws Exception {
        Path data = dir.resolve("data");
        Path crashes = Files.createDirectories(dir.resolve("crashes"));
        StringWriter out = new StringWriter();
        assertThat(
                        Paperboy.run(
                                new PrintWriter(out),
                                new PrintWriter(out),
                                "--data-dir",
                                data.toString(),
                                "import",
                                "--progress",
                                "none",
                                SharedData.arxivParts().getLast().toString()))
                .as(out.toString())
                .isZero();
        Map<String, String> env =
                Map.of("JAVA_TOOL_OPTIONS", "-XX:ErrorFile=" + crashes + "/hs_err_pid%p.log");
        for (int run = 0; run < 3; run++) {
            try (PaperboyProcess embed =
                    PaperboyProcess.start(env, "--data-dir", data.toString(), "embed")) {
                embed.awaitLine(l -> l.startsWith("embedded "), Duration.ofSeconds(180));
                Thread.sleep(run * 500L);
                embed.stop();
                int exit = embed.awaitExit(Duration.ofSeconds(120));
                List<String> errors =
                        embed.lines().stream()
                                .filter(
                                        l ->
                                                l.contains(" ERROR ")
                                                        || (l.startsWith("paperboy: ")
                                                                && !l.contains("stopped")))
                                .toList();
                assertThat(errors).as("run %d, exit %d:%n%s", run, exit, embed.output()).isEmpty();
                assertThat(exit).as("run %d", run).isIn(0, 143);
            }
            try (Stream<Path> files = Files.list(crashes)) {
                assertThat(files).as("run %d: JVM crash files", run).isEmpty();
            }
        }
    }
}
