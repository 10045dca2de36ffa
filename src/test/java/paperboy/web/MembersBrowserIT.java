package paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import paperboy.catalog.ArxivId;
import paperboy.community.Role;
import paperboy.daily.FeedRow;
import paperboy.digest.Cadence;
import paperboy.digest.DigestLinks;
import paperboy.digest.Subscription;
import paperboy.digest.Subscriptions;
import paperboy.testing.HeadlessChromium;
import paperboy.testing.SiteFixture;

/**
 * A member's settings, page and digest, and a curator's confirmation pages, in headless Chromium
 * (no script on the site: every step is a link or a form), on a desktop and on a phone. Screenshots
 * go to target/screenshots.
 */
class MembersBrowserIT {
    private static final Dimension DESKTOP = new Dimension(1280, 900);
    private static final Dimension PHONE = new Dimension(390, 844);

    private static SiteFixture site;
    private static WebDriver browser;

    @BeforeAll
    static void start() {
        site = SiteFixture.shared();
        browser = HeadlessChromium.start();
        browser.manage().window().setSize(DESKTOP);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aMemberChoosesANameCommentsFindsItFromTheirPageAndAsCuratorHidesAndShowsItAgain() {
        String address = "browser-namer@example.org";
        signIn(address);

        browser.findElement(By.cssSelector(".account"))
                .findElement(By.linkText("Settings"))
                .click();
        wait(ExpectedConditions.textToBe(By.tagName("h1"), "Settings"));
        assertThat(browser.findElement(By.id("current-name")).getText()).isEqualTo("browser-namer");
        WebElement field = browser.findElement(By.id("display-name"));
        field.clear();
        field.sendKeys("Admin");
        browser.findElement(By.cssSelector(".settings-form button")).click();
        wait(ExpectedConditions.presenceOfElementLocated(By.id("display-name-error")));
        assertThat(browser.findElement(By.id("display-name-error")).getText())
                .contains("“admin” is reserved");
        assertThat(browser.findElement(By.id("display-name")).getDomProperty("value"))
                .as("the typed value is kept")
                .isEqualTo("Admin");
        assertThat(browser.findElement(By.id("display-name")).getDomAttribute("aria-describedby"))
                .contains("display-name-error");
        shoot("members-1-settings-refused");

        field = browser.findElement(By.id("display-name"));
        field.clear();
        field.sendKeys("Émilie du Châtelet");
        browser.findElement(By.cssSelector(".settings-form button")).click();
        wait(ExpectedConditions.presenceOfElementLocated(By.id("settings-notice")));
        assertThat(browser.findElement(By.id("settings-notice")).getText())
                .isEqualTo("Saved: you are shown as “Émilie du Châtelet”.");
        assertThat(browser.findElement(By.cssSelector(".account a[href='/me']")).getText())
                .isEqualTo("Émilie du Châtelet");
        shoot("members-2-settings-saved");

        // a comment, found again from the member's page
        String paper = plainPaper();
        browser.get(site.baseUrl + "/papers/" + paper);
        browser.findElement(By.id("comment-body")).sendKeys("A **careful** reading.");
        browser.findElement(By.cssSelector("form.comment-form button")).click();
        wait(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".comment-body strong")));
        WebElement comment = browser.findElement(By.cssSelector("article.comment"));
        String commentId = comment.getDomAttribute("id");
        assertThat(comment.findElement(By.tagName("bdi")).getText())
                .isEqualTo("Émilie du Châtelet");
        assertThat(browser.findElement(By.id("comments-h")).getText()).isEqualTo("Discussion (1)");

        browser.get(site.baseUrl + "/me");
        WebElement onPaper = browser.findElement(By.cssSelector("article.own-comment .meta a"));
        assertThat(onPaper.getText())
                .isEqualTo(site.catalog.find(ArxivId.of(paper)).orElseThrow().title());
        onPaper.click();
        wait(ExpectedConditions.urlContains("/papers/" + paper + "#" + commentId));
        assertThat(browser.findElement(By.id(commentId)).getText()).contains("careful");

        // made a curator: the bar says where the paper stands; hiding asks first
        site.accounts.grant(address, Role.CURATOR, "the test");
        browser.navigate().refresh();
        assertThat(browser.findElement(By.id("curation-state")).getText())
                .isEqualTo("Curation: Not featured, listed as usual");
        assertThat(browser.findElements(By.id("unfeature"))).isEmpty();
        assertThat(browser.findElements(By.id("unhide"))).isEmpty();
        ((JavascriptExecutor) browser)
                .executeScript("document.getElementById('curation-state').scrollIntoView()");
        shoot("members-2b-curator-bar");
        browser.findElement(By.id(commentId)).findElement(By.linkText("Hide…")).click();
        wait(ExpectedConditions.textToBe(By.tagName("h1"), "Hide this comment?"));
        browser.findElement(By.id("cancel-action")).click();
        wait(ExpectedConditions.urlContains("#" + commentId));
        assertThat(browser.findElement(By.id(commentId)).getText())
                .doesNotContain("hidden by a curator");

        browser.findElement(By.id(commentId)).findElement(By.linkText("Hide…")).click();
        wait(ExpectedConditions.textToBe(By.tagName("h1"), "Hide this comment?"));
        shoot("members-3-confirm-hide-desktop");
        browser.manage().window().setSize(PHONE);
        assertNoSidewaysScroll("the confirmation page on a phone");
        WebElement yes = browser.findElement(By.id("confirm-action"));
        assertThat(yes.getSize().getHeight()).isBetween(24, 60);
        shoot("members-4-confirm-hide-phone");
        yes.click();
        wait(ExpectedConditions.urlContains("/papers/" + paper));
        assertThat(browser.findElement(By.id(commentId)).getText()).contains("hidden by a curator");
        assertNoSidewaysScroll("the paper page on a phone");
        browser.findElement(By.id(commentId)).findElement(By.cssSelector("button.link")).click();
        wait(ExpectedConditions.urlContains("#" + commentId));
        assertThat(browser.findElement(By.id(commentId)).getText())
                .doesNotContain("hidden by a curator")
                .contains("careful");
        shoot("members-5-comment-shown-again-phone");
        browser.manage().window().setSize(DESKTOP);
    }

    @Test
    void theDigestStopsFromItsManagePageAndStartsAgain() {
        Subscription s =
                site.subscriptions.subscribe(
                        "browser-stopper@example.org",
                        new Subscriptions.Preferences(Cadence.WEEKLY, 3, List.of(), List.of()),
                        site.clock.instant());
        site.subscriptions.confirm(s.id(), site.clock.instant());
        browser.get(new DigestLinks(site.baseUrl).url(DigestLinks.Purpose.MANAGE, s));
        browser.findElement(By.id("stop-digest")).click();
        wait(ExpectedConditions.textToBe(By.tagName("h1"), "Your digest is stopped"));
        assertThat(site.subscriptions.active(Cadence.WEEKLY))
                .extracting(Subscription::id)
                .doesNotContain(s.id());
        shoot("members-6-digest-stopped");
        browser.findElement(By.id("resume-digest")).click();
        wait(ExpectedConditions.textToBe(By.tagName("h1"), "Your digest"));
        assertThat(site.subscriptions.active(Cadence.WEEKLY))
                .extracting(Subscription::id)
                .contains(s.id());
    }

    private static void signIn(String address) {
        browser.get(site.baseUrl + "/signin");
        browser.findElement(By.id("signin-email")).sendKeys(address);
        browser.findElement(By.cssSelector("form.signin button")).click();
        wait(ExpectedConditions.textToBe(By.tagName("h1"), "Check your inbox"));
        browser.get(site.signInLinkMailedTo(address));
        browser.findElement(By.id("finish-signin")).click();
        wait(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".account a[href='/me']")));
    }

    /** A paper of late May 2026 with no feed entry and no comment: no other test's. */
    private static String plainPaper() {
        for (LocalDate d = LocalDate.of(2026, 5, 26); ; d = d.plusDays(1)) {
            List<String> ids =
                    site.daily.rows(d, d.plusDays(1)).stream()
                            .filter(r -> r.entryDay() == null && r.comments() == 0)
                            .map(FeedRow::id)
                            .sorted()
                            .toList();
            if (!ids.isEmpty()) {
                return ids.getFirst();
            }
        }
    }

    private static void assertNoSidewaysScroll(String what) {
        Number overflow =
                (Number)
                        ((JavascriptExecutor) browser)
                                .executeScript(
                                        "return document.documentElement.scrollWidth"
                                                + " - document.documentElement.clientWidth");
        assertThat(overflow.intValue()).as(what).isLessThanOrEqualTo(0);
    }

    private static void wait(ExpectedCondition<?> condition) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(condition);
    }

    private static void shoot(String name) {
        HeadlessChromium.screenshot(browser, name);
    }
}
