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
import paperboy.daily.FeedRow;
import paperboy.testing.HeadlessChromium;
import paperboy.testing.SiteFixture;

/**
 * A member's way in headless Chromium: sign in with the link read back from a real SMTP server
 * (GreenMail), submit a paper, upvote it, comment in Markdown, and find it first on the day's page.
 * Screenshots go to target/screenshots.
 */
class CommunityBrowserIT {
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
    void aMemberSignsInSubmitsUpvotesAndComments() throws Exception {
        String address = "browser-member@example.org";
        browser.get(site.baseUrl + "/papers/date/2026-07-01");
        browser.findElement(By.linkText("Sign in")).click();
        browser.findElement(By.id("signin-email")).sendKeys(address);
        browser.findElement(By.cssSelector("form.signin button")).click();
        wait(ExpectedConditions.textToBe(By.tagName("h1"), "Check your inbox"));
        shoot("community-1-check-inbox");

        browser.get(site.signInLinkMailedTo(address));
        browser.findElement(By.id("finish-signin")).click();
        wait(ExpectedConditions.presenceOfElementLocated(By.linkText("browser-member")));
        assertThat(browser.getCurrentUrl())
                .as("sign-in comes back to the page it started from")
                .isEqualTo(site.baseUrl + "/papers/date/2026-07-01");
        shoot("community-2-signed-in");

        // the last paper of the day: on the page's last place until someone submits it
        List<FeedRow> day = site.daily.rows(LocalDate.of(2026, 7, 1), LocalDate.of(2026, 7, 2));
        List<String> plain =
                day.stream()
                        .filter(r -> !r.curated() && r.upvotes() == 0)
                        .map(FeedRow::id)
                        .sorted()
                        .toList();
        String paper = plain.getFirst();
        // another member's submission with a later id: first among equal votes, until ours has one
        // more
        String rival = plain.getLast();
        site.community.submit(
                ArxivId.of(rival),
                LocalDate.of(2026, 7, 1),
                site.community.member("rival@example.org", "rival"));
        browser.get(site.baseUrl + "/papers/date/2026-07-01");
        WebElement submitField = browser.findElement(By.id("submit-paper"));
        submitField.sendKeys("https://arxiv.org/abs/" + paper + "v1");
        browser.findElement(By.cssSelector("form.submit button")).click();
        // the answer redirects to the same address: wait for the page to be replaced, not for the
        // URL
        wait(ExpectedConditions.stalenessOf(submitField));
        wait(ExpectedConditions.urlContains("/papers/date/2026-07-01"));
        WebElement card =
                browser.findElement(
                        By.cssSelector("article.card[aria-labelledby='t-" + paper + "']"));
        assertThat(card.getText()).contains("submitted by browser-member");
        assertThat(curatedOrder())
                .as("equal votes: the later id first")
                .containsSubsequence("t-" + rival, "t-" + paper);

        WebElement vote = card.findElement(By.cssSelector("form.vote button"));
        assertThat(vote.getDomAttribute("aria-pressed")).isEqualTo("false");
        vote.click();
        wait(ExpectedConditions.stalenessOf(vote));
        assertThat(browser.getCurrentUrl())
                .as("the reader stays on the list, at the card")
                .isEqualTo(site.baseUrl + "/papers/date/2026-07-01#p-" + paper);
        WebElement voted = cardOf(paper).findElement(By.cssSelector("form.vote button"));
        assertThat(voted.getDomAttribute("aria-pressed"))
                .as("the card shows the vote")
                .isEqualTo("true");
        assertThat(voted.findElement(By.cssSelector(".count")).getText()).isEqualTo("1");
        assertThat(voted.getDomAttribute("title")).contains("take your upvote back");
        assertThat(
                        ((Number)
                                        ((JavascriptExecutor) browser)
                                                .executeScript(
                                                        "return"
                                                            + " arguments[0].getBoundingClientRect().top;",
                                                        cardOf(paper)))
                                .doubleValue())
                .as("the card is on screen after the redirect")
                .isBetween(-1.0, 900.0);
        shoot("community-2b-upvoted-in-place");

        browser.get(site.baseUrl + "/papers/" + paper);
        assertThat(browser.findElement(By.cssSelector("button.upvote")).getText())
                .contains("1")
                .contains("upvoted");

        browser.findElement(By.id("comment-body"))
                .sendKeys("**Great** paper; the [code](https://github.com/example/code) runs.");
        browser.findElement(By.cssSelector("form.comment-form button")).click();
        wait(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".comment-body strong")));
        WebElement comment = browser.findElement(By.cssSelector(".comment-body"));
        assertThat(comment.findElement(By.tagName("strong")).getText()).isEqualTo("Great");
        assertThat(comment.findElement(By.tagName("a")).getDomAttribute("href"))
                .isEqualTo("https://github.com/example/code");
        shoot("community-3-paper-with-comment");

        browser.get(site.baseUrl + "/papers/date/2026-07-01");
        List<WebElement> curated =
                browser.findElements(
                        By.cssSelector("section[aria-labelledby='curated-h'] article.card"));
        assertThat(curatedOrder())
                .as("one upvote more: first")
                .containsSubsequence("t-" + paper, "t-" + rival);
        assertThat(curated.getFirst().getDomAttribute("aria-labelledby"))
                .as("most upvoted submission first")
                .isEqualTo("t-" + paper);
        assertThat(curated.getFirst().findElement(By.cssSelector(".count")).getText())
                .isEqualTo("1");
        shoot("community-4-day-page-ranked");

        browser.findElement(By.cssSelector(".account button")).click();
        wait(ExpectedConditions.presenceOfElementLocated(By.linkText("Sign in")));
    }

    private static WebElement cardOf(String paper) {
        return browser.findElement(
                By.cssSelector("article.card[aria-labelledby='t-" + paper + "']"));
    }

    /** The curated cards of the page shown, top to bottom, by their labels ("t-" + id). */
    private static List<String> curatedOrder() {
        return browser
                .findElements(By.cssSelector("section[aria-labelledby='curated-h'] article.card"))
                .stream()
                .map(c -> c.getDomAttribute("aria-labelledby"))
                .toList();
    }

    private static void wait(ExpectedCondition<?> condition) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(condition);
    }

    private static void shoot(String name) {
        HeadlessChromium.screenshot(browser, name);
    }
}
