package paperboy.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chromium.HasCdp;

/**
 * axe-core, the accessibility engine of browsers' own audits, run in the page a WebDriver shows.
 * The script comes from the npm package: {@code PAPERBOY_AXE_JS} names its {@code axe.min.js}
 * ({@code ./run-tests} installs it), else it is installed here with npm into target/axe-core.
 */
public final class AxeCore {
    /** The version the tests were written against; a newer axe may add rules. */
    public static final String VERSION = "4.14.1";

    private static final Path LOCAL = Path.of("target", "axe-core");

    private static String script;

    private AxeCore() {}

    /**
     * The serious and critical violations on the page {@code browser} shows, one line each: rule,
     * impact, and the first few elements. WCAG 2.2's target size (24 px, or room around a smaller
     * target) is checked too: phones are tapped with fingers.
     */
    @SuppressWarnings("unchecked")
    public static List<String> seriousViolations(WebDriver browser) {
        // The site's CSP allows no script but its own: let the test's script in.
        ((HasCdp) browser).executeCdpCommand("Page.setBypassCSP", Map.of("enabled", true));
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript(script());
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        Object found =
                js.executeAsyncScript(
                        """
                        const done = arguments[arguments.length - 1];
                        axe.run(document, {resultTypes: ['violations'],
                                          rules: {'target-size': {enabled: true}}})
                          .then(r => done(
                          r.violations
                            .filter(v => v.impact === 'serious' || v.impact === 'critical')
                            .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at '
                              + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))));
                        """);
        return (List<String>) found;
    }

    private static synchronized String script() {
        if (script == null) {
            try {
                script = Files.readString(axeMinJs(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return script;
    }

    private static Path axeMinJs() throws IOException {
        String given = System.getenv("PAPERBOY_AXE_JS");
        if (given != null && !given.isBlank()) {
            return Path.of(given);
        }
        Path local = LOCAL.resolve("node_modules/axe-core/axe.min.js");
        if (!Files.exists(local)) {
            npmInstall();
        }
        return local;
    }

    private static void npmInstall() throws IOException {
        Files.createDirectories(LOCAL);
        Process npm =
                new ProcessBuilder(
                                "npm",
                                "install",
                                "--no-save",
                                "--no-audit",
                                "--no-fund",
                                "--prefix",
                                LOCAL.toString(),
                                "axe-core@" + VERSION)
                        .redirectErrorStream(true)
                        .redirectOutput(LOCAL.resolve("npm.log").toFile())
                        .start();
        try {
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                npm.destroyForcibly();
                throw new IllegalStateException(
                        "npm could not install axe-core "
                                + VERSION
                                + " (see target/axe-core/npm.log); ./run-tests installs it and"
                                + " sets PAPERBOY_AXE_JS");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
