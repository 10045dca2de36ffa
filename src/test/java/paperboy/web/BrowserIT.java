package paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import paperboy.testing.HeadlessChromium;
import paperboy.testing.SiteFixture;

/**
 * A reader's way through the site in headless Debian Chromium, at desktop width and at 375 px: the
 * daily page, the previous day, a search for "fixed point" with a category filter, a paper, and one
 * of its similar papers. Screenshots of each page go to target/screenshots for review.
 */
class BrowserIT {
    private static SiteFixture site;
    private static WebDriver browser;

    @BeforeAll
    static void start() {
        site = SiteFixture.shared();
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @ParameterizedTest(name = "{0} px wide")
    @ValueSource(ints = {1280, 375})
    void aReaderBrowsesDaysSearchesAndFollowsSimilarPapers(int width) {
        browser.manage().window().setSize(new Dimension(width, 900));
        browser.get(site.baseUrl + "/");
        assertThat(browser.findElement(By.tagName("h1")).getText())
                .isEqualTo("Papers of 1 Jul 2026");
        assertFitsTheWidth(width);
        shoot(width, "1-daily");

        browser.findElement(By.cssSelector("a[rel=prev]")).click();
        waitFor("/papers/date/2026-06-30");
        assertThat(browser.findElement(By.tagName("h1")).getText())
                .isEqualTo("Papers of 30 Jun 2026");
        assertThat(browser.findElements(By.cssSelector("article.card")))
                .hasSize(SitePages.LIST_PAGE_SIZE);
        shoot(width, "2-previous-day");

        WebElement box = browser.findElement(By.id("q"));
        box.sendKeys("fixed point");
        box.sendKeys(Keys.ENTER);
        waitFor("q=fixed+point");
        WebElement category = browser.findElement(By.id("fcat"));
        category.clear();
        category.sendKeys("cs.LG");
        browser.findElement(By.cssSelector("form.filters button[type=submit]")).click();
        waitFor("cat=cs.LG");
        assertThat(browser.findElement(By.id("fq")).getDomProperty("value"))
                .as("the query stays in the box")
                .isEqualTo("fixed point");
        List<WebElement> results = browser.findElements(By.cssSelector(".results article.card"));
        assertThat(results).hasSize(SitePages.SEARCH_PAGE_SIZE);
        assertThat(browser.findElements(By.cssSelector(".results mark"))).isNotEmpty();
        assertFitsTheWidth(width);
        shoot(width, "3-search-fixed-point-cs.LG");

        WebElement first = results.getFirst().findElement(By.cssSelector("h3 a"));
        String firstTitle = first.getText();
        first.click();
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(
                        ExpectedConditions.presenceOfElementLocated(
                                By.cssSelector("article.paper")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(firstTitle);
        assertThat(browser.findElement(By.linkText("PDF")).getDomAttribute("href"))
                .startsWith("https://arxiv.org/pdf/");
        assertFitsTheWidth(width);
        shoot(width, "4-paper");

        WebElement similar = browser.findElement(By.cssSelector(".similar article.card h3 a"));
        String similarTitle = similar.getText();
        similar.click();
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(ExpectedConditions.textToBe(By.tagName("h1"), similarTitle));
        assertThat(similarTitle).isNotEqualTo(firstTitle);
        shoot(width, "5-similar-paper");
    }

    @ParameterizedTest(name = "{0} px wide")
    @ValueSource(ints = {1280, 375})
    void hostileMetadataIsShownAsTextAndRunsNothing(int width) {
        browser.manage().window().setSize(new Dimension(width, 900));
        browser.get(site.baseUrl + "/papers/" + SiteFixture.HOSTILE.id());
        assertThat(browser.findElement(By.tagName("h1")).getText())
                .isEqualTo(SiteFixture.HOSTILE_TITLE);
        JavascriptExecutor js = (JavascriptExecutor) browser;
        assertThat(js.executeScript("return document.scripts.length")).isEqualTo(0L);
        assertThat(js.executeScript("return document.images.length")).isEqualTo(0L);
        shoot(width, "6-hostile-paper");
    }

    @ParameterizedTest(name = "{0} px wide")
    @ValueSource(ints = {1280})
    void theKeyboardReachesTheSkipLinkThenTheSearchBox(int width) {
        browser.manage().window().setSize(new Dimension(width, 900));
        browser.get(site.baseUrl + "/papers/trending");
        browser.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        WebElement focused = browser.switchTo().activeElement();
        assertThat(focused.getText()).isEqualTo("Skip to content");
        assertThat(browser.findElement(By.cssSelector("details.explain summary")).getText())
                .isEqualTo("How is this ranked?");
        shoot(width, "7-trending");
    }

    private static void assertFitsTheWidth(int width) {
        Object scrollWidth =
                ((JavascriptExecutor) browser)
                        .executeScript("return document.documentElement.scrollWidth");
        assertThat(((Number) scrollWidth).intValue())
                .as("no sideways scrolling at " + width + " px")
                .isLessThanOrEqualTo(width);
    }

    private static void waitFor(String urlPart) {
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(ExpectedConditions.urlContains(urlPart));
    }

    private static void shoot(int width, String name) {
        HeadlessChromium.screenshot(browser, name + "-" + width);
    }
}
