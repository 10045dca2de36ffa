package paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chromium.HasCdp;
import paperboy.catalog.ArxivId;
import paperboy.library.CollectionStore;
import paperboy.testing.AxeCore;
import paperboy.testing.HeadlessChromium;
import paperboy.testing.SiteFixture;

/**
 * Every page type in headless Chromium on a desktop (1280x900) and a phone (390x844) screen, light
 * and dark: the layout a reader sees (inputs of one line stay one line high, lists show several
 * whole titles on the first screen, the search facets are near the top, nothing is wider than a
 * phone) and axe-core's accessibility rules (no serious or critical violation). A screenshot of
 * each goes to target/screenshots/layout-*.png for review.
 */
class SiteLayoutIT {
    /** A single-line control taller than this has been stretched by its container. */
    private static final int TALLEST_CONTROL = 60;

    private static final String MEMBER = "layout-member@example.org";

    private static SiteFixture site;
    private static String collectionPath;
    private static WebDriver browser;

    /** A page to check; {@code list}: a list of papers, held to the titles-per-screen bar. */
    private record PageType(String name, String path, boolean list) {}

    private record Screen(String name, int width, int height, int titlesOnFirstScreen) {}

    private static final List<Screen> SCREENS =
            List.of(new Screen("desktop", 1280, 900, 6), new Screen("phone", 390, 844, 3));

    /** What anyone can read. */
    private static final List<PageType> PUBLIC =
            List.of(
                    new PageType("home", "/", true),
                    new PageType("day", "/papers/date/2026-06-30", true),
                    new PageType("week", "/papers/week/2026-W27", true),
                    new PageType("month", "/papers/month/2026-06", true),
                    new PageType("trending", "/papers/trending", true),
                    new PageType("hot-on-github", "/papers/trending/github", true),
                    new PageType("author", "/authors/Yang%20Liu", true),
                    new PageType("search", "/papers?q=diffusion+models", false),
                    new PageType("search-empty", "/papers?q=zzqqxxyy", false),
                    new PageType("paper", "/papers/" + SiteFixture.HOSTILE.id(), false),
                    new PageType("signin", "/signin", false),
                    new PageType("subscribe", "/subscribe", false),
                    new PageType("not-found", "/papers/date/1999-01-01x", false));

    /** What a signed-in member reads. */
    private static final List<PageType> MEMBER_PAGES =
            List.of(
                    new PageType("member-home", "/", true),
                    new PageType("member-paper", "/papers/" + SiteFixture.HOSTILE.id(), false),
                    new PageType("member-me", "/me", false),
                    new PageType("member-library", "/library", false),
                    new PageType("member-for-you", "/for-you", false),
                    new PageType("member-settings", "/me/settings", false));

    @BeforeAll
    static void start() {
        site = SiteFixture.shared();
        browser = HeadlessChromium.start();
        giveStars();
        collectionPath = aPublicCollection();
        // What the discussion of the checked paper must hold without breaking the page: a URL
        // longer than a phone is wide, a quotation and code.
        site.community.comment(
                SiteFixture.HOSTILE,
                site.community.member("layout-commenter@example.org", "layout-commenter"),
                "See https://example.org/"
                        + "a-very-long-path-segment-".repeat(12)
                        + "end and\n\n> a quoted line\n\n`inline code` and\n\n"
                        + "    a code block "
                        + "wider than a phone ".repeat(6));
    }

    /** A member's public collection of three papers, with a Markdown description. */
    private static String aPublicCollection() {
        CollectionStore collections = site.instance.site().community().collections();
        long owner = site.community.member("layout-collector@example.org", "layout-collector");
        long id =
                collections.create(
                        owner,
                        "Reading group: diffusion, graphs and a title long enough to wrap twice",
                        "Papers for **Thursday**, and a link: https://example.org/reading-group",
                        true);
        site.daily.rows(LocalDate.of(2026, 6, 30), LocalDate.of(2026, 7, 1)).stream()
                .limit(3)
                .forEach(r -> collections.add(id, ArxivId.of(r.id())));
        return "/collections/" + id;
    }

    /** Stars for the last day's papers, as a stars round would leave them (cards show them). */
    private static void giveStars() {
        try (Connection c = site.db.dataSource().getConnection();
                Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM paper_stars");
            st.executeUpdate(
                    "INSERT INTO paper_stars (paper_id, repo, stars, gained_7d) SELECT id,"
                            + " 'example/repo', 12345, 678 FROM papers WHERE announced = DATE"
                            + " '2026-06-30'");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void everyPageTypeLaysOutAndPassesAxeOnBothScreensInBothThemes() {
        SoftAssertions softly = new SoftAssertions();
        List<PageType> publicPages = new ArrayList<>(PUBLIC);
        publicPages.add(new PageType("collection", collectionPath, false));
        check(publicPages, softly);
        site.signInBrowser(browser, MEMBER, "/papers/trending");
        // a collection of the member's: the paper page then offers it, the library lists it
        site.instance
                .site()
                .community()
                .collections()
                .create(site.accounts.memberFor(MEMBER).id(), "Layout reading", "", false);
        check(MEMBER_PAGES, softly);
        softly.assertAll();
    }

    private static void check(List<PageType> pages, SoftAssertions softly) {
        for (Screen screen : SCREENS) {
            // The screen's own viewport, as a phone's browser has it (a window's size would
            // include the browser's bars).
            ((HasCdp) browser)
                    .executeCdpCommand(
                            "Emulation.setDeviceMetricsOverride",
                            Map.of(
                                    "width",
                                    screen.width(),
                                    "height",
                                    screen.height(),
                                    "deviceScaleFactor",
                                    1,
                                    "mobile",
                                    screen.width() < 600));
            for (String theme : List.of("light", "dark")) {
                ((HasCdp) browser)
                        .executeCdpCommand(
                                "Emulation.setEmulatedMedia",
                                Map.of(
                                        "features",
                                        List.of(
                                                Map.of(
                                                        "name",
                                                        "prefers-color-scheme",
                                                        "value",
                                                        theme))));
                for (PageType page : pages) {
                    String where = page.name() + " on a " + screen.name() + ", " + theme;
                    browser.get(site.baseUrl + page.path());
                    HeadlessChromium.screenshot(
                            browser, "layout-" + page.name() + "-" + screen.name() + "-" + theme);
                    softly.assertThat(stretchedControls())
                            .as(
                                    "%s: single-line controls taller than %d px",
                                    where, TALLEST_CONTROL)
                            .isEmpty();
                    softly.assertThat(overflow())
                            .as("%s: page wider than the screen (px)", where)
                            .isLessThanOrEqualTo(0);
                    if (page.list()) {
                        softly.assertThat(titlesOnFirstScreen())
                                .as("%s: paper titles wholly on the first screen", where)
                                .isGreaterThanOrEqualTo(screen.titlesOnFirstScreen());
                    }
                    if (page.name().equals("search") && screen.name().equals("desktop")) {
                        softly.assertThat(top(".facets"))
                                .as("%s: the facets' top", where)
                                .isLessThan(screen.height() * 3 / 2);
                    }
                    softly.assertThat(AxeCore.seriousViolations(browser))
                            .as(
                                    "%s: axe-core %s serious or critical violations",
                                    where, AxeCore.VERSION)
                            .isEmpty();
                }
            }
        }
    }

    /** Inputs, selects and buttons of one line, taller than {@link #TALLEST_CONTROL}. */
    @SuppressWarnings("unchecked")
    private static List<String> stretchedControls() {
        return new ArrayList<>(
                (List<String>)
                        js(
                                """
                                return [...document.querySelectorAll(
                                    'input:not([type=hidden]), select:not([multiple]), button')]
                                  .filter(e => e.offsetParent !== null)
                                  .filter(e => e.getBoundingClientRect().height > arguments[0])
                                  .map(e => e.outerHTML.slice(0, 80) + ': '
                                    + Math.round(e.getBoundingClientRect().height) + ' px');
                                """,
                                TALLEST_CONTROL));
    }

    /** How far the page is wider than the window; 0 or less when it fits. */
    private static long overflow() {
        return (Long)
                js(
                        "return document.documentElement.scrollWidth"
                                + " - document.documentElement.clientWidth;");
    }

    /** Cards whose title is wholly inside the window, scrolled to the top. */
    private static long titlesOnFirstScreen() {
        return (Long)
                js(
                        """
                        window.scrollTo(0, 0);
                        return [...document.querySelectorAll('article.card h3')]
                          .filter(h => { const r = h.getBoundingClientRect();
                                         return r.top >= 0 && r.bottom <= window.innerHeight; })
                          .length;
                        """);
    }

    /** The top of the first element matching {@code selector}, from the top of the page. */
    private static long top(String selector) {
        Object top =
                js(
                        "const e = document.querySelector(arguments[0]);"
                                + " return e === null ? -1"
                                + " : Math.round(e.getBoundingClientRect().top + window.scrollY);",
                        selector);
        assertThat(((Number) top).longValue()).as(selector + " on the page").isNotNegative();
        return ((Number) top).longValue();
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }
}
