package paperboy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The systemd unit in {@code deploy/} is one systemd accepts without a remark: {@code
 * systemd-analyze verify} on it, with {@code ExecStart} pointed at this checkout's launcher (the
 * unit's own path, /opt/paperboy, is where the README installs it). The nginx file is run by {@code
 * NginxProxyIT}.
 */
class DeployFilesTest {
    private static final Path ANALYZE = Path.of("/usr/bin/systemd-analyze");

    @TempDir Path dir;

    @Test
    void theSystemdUnitVerifiesWithoutARemark() throws Exception {
        assumeTrue(
                Files.isExecutable(ANALYZE),
                "systemd-analyze is missing (./run-tests installs it)");
        String unit = Files.readString(Path.of("deploy/systemd/paperboy.service"));
        assertThat(unit).contains("ExecStart=/opt/paperboy/paperboy serve");
        Path copy = dir.resolve("paperboy.service");
        Files.writeString(
                copy,
                unit.replace(
                        "ExecStart=/opt/paperboy/paperboy",
                        "ExecStart=" + Path.of("paperboy").toAbsolutePath()));
        Process verify =
                new ProcessBuilder(ANALYZE.toString(), "verify", copy.toString())
                        .redirectErrorStream(true)
                        .start();
        String remarks = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(verify.waitFor()).as(remarks).isZero();
        assertThat(remarks).as("systemd-analyze verify says nothing of a sound unit").isBlank();
    }
}
