package paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.jbibtex.BibTeXDatabase;
import org.jbibtex.BibTeXParser;
import org.jbibtex.Key;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.HasCdp;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import paperboy.testing.AxeCore;
import paperboy.testing.HeadlessChromium;
import paperboy.testing.SiteFixture;

/**
 * A member's library in headless Chromium (issue 16): save a paper from a card in place, import a
 * BibTeX, a RIS and a Zotero CSL-JSON file through the page's own form and read each report, export
 * the library as BibTeX and import that export again (every entry matches, nothing is added twice).
 * The page with a report passes axe-core on a phone. Nobody else sees a member's library.
 */
class LibraryBrowserIT {
    private static final String MEMBER = "library-reader@example.org";
    private static SiteFixture site;
    private static WebDriver browser;

    @TempDir static Path dir;

    @BeforeAll
    static void start() {
        site = SiteFixture.shared();
        browser = HeadlessChromium.start();
        browser.manage().window().setSize(new Dimension(1280, 900));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aMemberSavesImportsThreeFormatsAndExportsTheirLibrary() throws Exception {
        site.signInBrowser(browser, MEMBER, "/papers/date/2026-07-01");

        // one click on a card, and the reader stays at it
        browser.get(site.baseUrl + "/papers/date/2026-07-01");
        WebElement card = browser.findElements(By.cssSelector("article.card")).getFirst();
        String saved = card.getDomAttribute("id").substring(2);
        WebElement save = card.findElement(By.cssSelector("form.keep button"));
        assertThat(save.getDomAttribute("aria-pressed")).isEqualTo("false");
        save.click();
        wait(ExpectedConditions.stalenessOf(save));
        assertThat(browser.getCurrentUrl()).endsWith("/papers/date/2026-07-01#p-" + saved);
        WebElement savedButton =
                browser.findElement(By.id("p-" + saved))
                        .findElement(By.cssSelector("form.keep button"));
        assertThat(savedButton.getDomAttribute("aria-pressed")).isEqualTo("true");
        assertThat(savedButton.getText()).startsWith("Saved");

        // the header's link leads to the library, where the paper is
        browser.findElement(By.linkText("Library")).click();
        wait(ExpectedConditions.textToBe(By.tagName("h1"), "Your library"));
        assertThat(browser.findElement(By.id("library-count")).getText()).startsWith("1 paper,");
        assertThat(SiteFixture.paperIds(browser.getPageSource())).contains(saved);

        importFile(resource("zotero.bib"), "zotero.bib");
        assertThat(text("import-report")).contains("Imported zotero.bib (BibTeX)");
        // the whole sample is the catalog here
        assertThat(text("import-summary"))
                .isEqualTo(
                        "5 of 7 entries matched papers here: 4 by arXiv id, 0 by DOI, 1 by title."
                                + " 5 papers were new to your library.");
        assertThat(text("import-unmatched"))
                .contains("Attention Is All You Need: arXiv 1706.03762 is not in this catalog")
                .contains("The \\TeXbook: no paper here has its title");
        assertThat(text("import-unreadable")).contains("entry 7 (line 51)");
        shoot("library-1-bibtex-report");

        importFile(resource("zotero.ris"), "zotero.ris");
        assertThat(text("import-summary"))
                .startsWith(
                        "3 of 4 entries matched papers here: 2 by arXiv id, 0 by DOI, 1 by title.");
        assertThat(text("import-unmatched")).contains("The Art of Computer Programming");

        importFile(resource("zotero.json"), "My Library.json");
        assertThat(text("import-report")).contains("(CSL-JSON)");
        assertThat(text("import-summary"))
                .as("ResNet's journal DOI is not in the sample's metadata: its title matches")
                .isEqualTo(
                        "4 of 4 entries matched papers here: 2 by arXiv id, 0 by DOI, 2 by title."
                                + " 4 papers were new to your library.");
        assertThat(browser.findElements(By.id("import-unmatched"))).isEmpty();
        assertThat(browser.findElement(By.id("library-count")).getText()).startsWith("13 papers,");

        // the page with a report, on a phone: laid out and accessible
        ((HasCdp) browser)
                .executeCdpCommand(
                        "Emulation.setDeviceMetricsOverride",
                        Map.of(
                                "width",
                                390,
                                "height",
                                844,
                                "deviceScaleFactor",
                                3,
                                "mobile",
                                true));
        importFile(resource("zotero.bib"), "zotero.bib");
        assertThat(text("import-summary")).endsWith("0 papers were new to your library.");
        assertThat(AxeCore.seriousViolations(browser)).isEmpty();
        Number overflow =
                (Number)
                        ((org.openqa.selenium.JavascriptExecutor) browser)
                                .executeScript(
                                        "return document.documentElement.scrollWidth -"
                                                + " document.documentElement.clientWidth");
        assertThat(overflow.intValue())
                .as("no sideways scrolling on a phone")
                .isLessThanOrEqualTo(0);
        shoot("library-2-phone-report");
        ((HasCdp) browser).executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());

        // the export link's file: valid BibTeX with every paper, and it imports back whole
        String href = browser.findElement(By.id("library-export")).getDomAttribute("href");
        HttpResponse<String> export = asMember(href);
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type").orElseThrow())
                .startsWith("application/x-bibtex");
        BibTeXDatabase parsed = new BibTeXParser().parse(new StringReader(export.body()));
        assertThat(parsed.getEntries()).hasSize(13);
        assertThat(
                        parsed.getEntries().values().stream()
                                .map(e -> e.getField(new Key("eprint")).toUserString())
                                .toList())
                .contains(saved, "2606.12852", "1512.03385");
        Path exported = dir.resolve("paperboy-library.bib");
        Files.writeString(exported, export.body());
        importFile(exported, null);
        assertThat(text("import-summary"))
                .isEqualTo(
                        "13 of 13 entries matched papers here: 13 by arXiv id, 0 by DOI, 0 by"
                                + " title. 0 papers were new to your library.");

        // a file of another kind is refused with what to do, and nothing is lost
        Path notes = dir.resolve("notes.txt");
        Files.writeString(notes, "Papers to read: the one about graphs.");
        importFile(notes, null);
        assertThat(text("import-problem")).contains("is not BibTeX (.bib), RIS (.ris) or CSL-JSON");
        assertThat(browser.findElement(By.id("library-count")).getText()).startsWith("13 papers,");

        // nobody else sees it
        assertThat(site.get("/library").statusCode()).isEqualTo(401);
        assertThat(site.get("/library.bib").statusCode()).isEqualTo(401);
        assertThat(site.get("/library.bib").body()).doesNotContain(saved);
    }

    /** Chooses {@code file} in the page's import form and sends it; waits for the answer. */
    private static void importFile(Path file, @Nullable String name) throws IOException {
        Path upload = file;
        if (name != null) {
            upload =
                    Files.createDirectories(dir.resolve("upload-" + System.nanoTime()))
                            .resolve(name);
            Files.copy(file, upload);
        }
        if (!browser.getCurrentUrl().contains("/library")) {
            browser.get(site.baseUrl + "/library");
        }
        WebElement input = browser.findElement(By.id("library-file"));
        input.sendKeys(upload.toAbsolutePath().toString());
        WebElement button = browser.findElement(By.cssSelector("form.import button"));
        button.click();
        wait(ExpectedConditions.stalenessOf(button));
        wait(ExpectedConditions.textToBe(By.tagName("h1"), "Your library"));
    }

    private static Path resource(String name) throws IOException {
        Path copy = dir.resolve(name);
        if (!Files.exists(copy)) {
            try (InputStream in = LibraryBrowserIT.class.getResourceAsStream("/library/" + name)) {
                Files.copy(in, copy);
            }
        }
        return copy;
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    /** A GET with the browser's session, as the browser's download of a link would send it. */
    private static HttpResponse<String> asMember(String path) throws Exception {
        Cookie session = browser.manage().getCookieNamed(CommunityRoutes.SESSION_COOKIE);
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(site.baseUrl + path))
                                .header("Cookie", session.getName() + "=" + session.getValue())
                                .build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static void wait(ExpectedCondition<?> condition) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(condition);
    }

    private static void shoot(String name) {
        HeadlessChromium.screenshot(browser, name);
    }
}
