package paperboy.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Paperboy's CLI in a separate JVM, for tests that kill it or serve from it. Output (stdout and
 * stderr merged) is collected line by line. Close it to end the process.
 */
public final class PaperboyProcess implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread pump;

    private PaperboyProcess(Process process) {
        this.process = process;
        this.pump =
                Thread.ofPlatform()
                        .daemon()
                        .start(
                                () -> {
                                    try (BufferedReader r =
                                            new BufferedReader(
                                                    new InputStreamReader(
                                                            process.getInputStream(),
                                                            StandardCharsets.UTF_8))) {
                                        String line;
                                        while ((line = r.readLine()) != null) {
                                            lines.add(line);
                                        }
                                    } catch (IOException e) {
                                        lines.add("<output closed: " + e.getMessage() + ">");
                                    }
                                });
    }

    /** Starts {@code paperboy ARGS} with this JVM's class path and the extra environment. */
    public static PaperboyProcess start(Map<String, String> env, String... args)
            throws IOException {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "--enable-native-access=ALL-UNNAMED",
                                "-Dai.djl.offline=true",
                                "-DOPT_OUT_TRACKING=true",
                                // numbers print as the tests expect them ("3,722") whatever the
                                // machine's locale
                                "-Duser.language=en",
                                "-Duser.country=US",
                                // The process logs as in production, not as quietly as the tests.
                                "-Dlogback.configurationFile="
                                        + PaperboyProcess.class.getResource("/logback.xml"),
                                "-cp",
                                System.getProperty("java.class.path"),
                                "paperboy.Paperboy"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("PAPERBOY_"));
        pb.environment().put("PAPERBOY_TERMINAL", "0");
        pb.environment().putAll(env);
        return new PaperboyProcess(pb.start());
    }

    /** Waits until a line matches; fails with the output so far when it does not come in time. */
    public String awaitLine(Predicate<String> wanted, Duration timeout) {
        return Poll.every(Duration.ofMillis(20))
                .upTo(timeout)
                .showing(() -> "output:\n" + output())
                .awaitValue(
                        "the expected line",
                        () -> {
                            boolean ended =
                                    !process.isAlive()
                                            && !pump.isAlive(); // asked first: no line comes after
                            Optional<String> line = lines.stream().filter(wanted).findFirst();
                            if (line.isEmpty() && ended) {
                                throw new AssertionError(
                                        "the process ended (exit code "
                                                + process.exitValue()
                                                + ") without printing the expected line; output:\n"
                                                + output());
                            }
                            return line;
                        });
    }

    /** Waits for the process to end by itself; returns its exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(
                    "process did not end within " + timeout + "; output:\n" + output());
        }
        awaitOutput();
        return process.exitValue();
    }

    /**
     * SIGTERM, as systemd or Ctrl-C stop a process. Through the process handle: {@link
     * Process#destroy} would also close our end of its output, and the lines it logs while it stops
     * (the ones that say why a stop hangs) would be lost.
     */
    public void stop() {
        process.toHandle().destroy();
    }

    /** {@code kill -9}: no shutdown hooks, no flushing. */
    public void killHard() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
        awaitOutput();
    }

    /** The reader of the output ends once the process's end of the pipe is closed. */
    private void awaitOutput() throws InterruptedException {
        pump.join(60_000);
        if (pump.isAlive()) {
            throw new AssertionError(
                    "the output was still being read 60 s after the process ended");
        }
    }

    public String output() {
        return String.join("\n", lines);
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    killHard();
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
