package paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.HasCdp;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import paperboy.catalog.ArxivId;
import paperboy.daily.Period;
import paperboy.library.LibraryStore;
import paperboy.search.SearchHit;
import paperboy.testing.AxeCore;
import paperboy.testing.HeadlessChromium;
import paperboy.testing.SiteFixture;

/**
 * A member's "For you" page in headless Chromium, over the whole sample (which the shared site
 * ranks by words: it runs without a model): before they like anything it says how to start; with a
 * library of diffusion papers from before the newest week, the week's papers come ranked with the
 * liked paper each is close to, from the header's link; a thumbs down takes a paper out, lists it
 * under "Not for you", and Undo brings it back. Laid out and accessible on a phone and a desktop.
 * Anonymous readers are asked to sign in.
 */
class ForYouBrowserIT {
    private static final String MEMBER = "for-you-reader@example.org";
    private static SiteFixture site;
    private static WebDriver browser;

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
    void aMemberSeesTheWeekRankedForThemAndTeachesIt() {
        assertThat(site.get("/for-you").statusCode()).as("anonymous").isEqualTo(401);
        assertThat(site.get("/for-you").body()).contains("Sign in to see papers picked for you");

        site.signInBrowser(browser, MEMBER, "/papers");
        browser.findElement(By.linkText("For you")).click();
        wait(ExpectedConditions.textToBe(By.tagName("h1"), "For you"));
        assertThat(text("for-you-empty")).contains("Nothing to learn from yet");
        assertThat(text("for-you-week")).as("no ranking claimed").doesNotContain("ranked by");

        // a library of diffusion papers from before the newest week
        Period.Week week = Period.Week.of(site.daily.latestDay().orElseThrow());
        List<String> liked =
                site.search.search("diffusion models denoising", 0, 100).stream()
                        .map(SearchHit::id)
                        .filter(
                                id ->
                                        site.catalog
                                                .find(ArxivId.of(id))
                                                .orElseThrow()
                                                .announced()
                                                .isBefore(week.start()))
                        .limit(8)
                        .toList();
        assertThat(liked).hasSize(8);
        long member = site.accounts.findByEmail(MEMBER).orElseThrow().id();
        new LibraryStore(site.db.dataSource(), site.clock).addAll(member, liked, "bibtex");

        browser.navigate().refresh();
        assertThat(text("for-you-week"))
                .startsWith(week.label())
                .contains("ranked by the 8 papers");
        List<WebElement> cards =
                browser.findElements(By.cssSelector("#for-you-papers article.card"));
        assertThat(cards).hasSize(ForYouRoutes.SHOWN);
        Set<String> reasons =
                browser.findElements(By.cssSelector("#for-you-papers .reason a")).stream()
                        .map(a -> a.getDomAttribute("href").substring("/papers/".length()))
                        .collect(Collectors.toSet());
        assertThat(liked).containsAll(reasons);
        assertThat(cards.getFirst().findElement(By.cssSelector(".reason")).getText())
                .startsWith("Close to ")
                .endsWith(", in your library");
        long aboutDiffusion =
                cards.subList(0, 10).stream()
                        .filter(c -> c.getText().toLowerCase().contains("diffusion"))
                        .count();
        assertThat(aboutDiffusion)
                .as("of the first ten, about diffusion")
                .isGreaterThanOrEqualTo(5);
        assertThat(SiteFixture.paperIds(browser.getPageSource()))
                .doesNotContainAnyElementsOf(liked);
        shoot("for-you-1-desktop");
        assertThat(AxeCore.seriousViolations(browser)).isEmpty();

        // a thumbs down: out of the list, into "Not for you"; Undo brings it back
        String first = cards.getFirst().getDomAttribute("id").substring(2);
        WebElement no = cards.getFirst().findElement(By.cssSelector("button.not-for-me"));
        no.click();
        wait(ExpectedConditions.stalenessOf(no));
        assertThat(browser.getCurrentUrl()).endsWith("/for-you");
        assertThat(browser.findElements(By.id("p-" + first))).isEmpty();
        assertThat(text("said-no")).contains("Not for you (1)");
        WebElement undo = browser.findElement(By.cssSelector("#said-no button.link"));
        undo.click();
        wait(ExpectedConditions.stalenessOf(undo));
        assertThat(browser.findElements(By.id("said-no"))).isEmpty();
        assertThat(
                        browser.findElements(By.cssSelector("#for-you-papers article.card"))
                                .getFirst()
                                .getDomAttribute("id"))
                .isEqualTo("p-" + first);

        // a phone
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
        browser.navigate().refresh();
        assertThat(AxeCore.seriousViolations(browser)).isEmpty();
        Number overflow =
                (Number)
                        ((JavascriptExecutor) browser)
                                .executeScript(
                                        "return document.documentElement.scrollWidth -"
                                                + " document.documentElement.clientWidth");
        assertThat(overflow.intValue())
                .as("no sideways scrolling on a phone")
                .isLessThanOrEqualTo(0);
        shoot("for-you-2-phone");
        ((HasCdp) browser).executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());

        // another week, and a week that is not one
        browser.findElement(By.cssSelector("a[rel=prev]")).click();
        wait(
                ExpectedConditions.textToBePresentInElementLocated(
                        By.id("for-you-week"), week.previous().label()));
        browser.get(site.baseUrl + "/for-you?week=last-tuesday");
        assertThat(browser.findElement(By.tagName("main")).getText())
                .as("a clear error, not a trace")
                .contains("week must look like 2026-W27")
                .doesNotContain("Exception");
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private static void wait(ExpectedCondition<?> condition) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(condition);
    }

    private static void shoot(String name) {
        HeadlessChromium.screenshot(browser, name);
    }
}
