package paperboy.testing;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import paperboy.app.Instance;
import paperboy.catalog.ArxivId;
import paperboy.catalog.CatalogStore;
import paperboy.catalog.Database;
import paperboy.catalog.Paper;
import paperboy.community.Accounts;
import paperboy.community.CommunityStore;
import paperboy.config.Setting;
import paperboy.config.Settings;
import paperboy.daily.DailyPapers;
import paperboy.digest.Subscriptions;
import paperboy.ingest.ImportProgress;
import paperboy.ingest.Importer;
import paperboy.mail.MailTransport;
import paperboy.search.PaperSearch;
import paperboy.trending.Trending;

/**
 * One running site over the whole real arXiv sample (93,656 papers and the Papers-with-Code links),
 * imported once per test JVM and shared by the web tests, plus a hostile paper whose title,
 * abstract and authors carry HTML, script and control characters. Search is lexical (no embedding
 * model: embedding the corpus takes an hour). Pages are not cached, so a test sees its own writes
 * at once. Tests that write use their own papers or days.
 */
public final class SiteFixture {
    /** The hostile paper: alone on its announcement day. */
    public static final ArxivId HOSTILE = ArxivId.of("0912.9999");

    public static final LocalDate HOSTILE_DAY = LocalDate.of(2009, 12, 31);
    public static final String HOSTILE_TITLE =
            "<script>alert('title')</script> Fixed <b>point</b> & \"quotes\"";

    private static SiteFixture shared;
    private static final Pattern PAPER_LINK =
            Pattern.compile("<h3 id=\"t-[^\"]+\"><a href=\"/papers/([^\"]+)\">");
    private static final Pattern SIGN_IN_LINK =
            Pattern.compile("(http://\\S+/signin/verify\\?token=[A-Za-z0-9_-]+(?:&next=\\S+)?)");

    public final Path dir;
    public final Database db;
    public final CatalogStore catalog;
    public final DailyPapers daily;
    public final Trending trending;
    public final PaperSearch search;
    public final CommunityStore community;
    public final Accounts accounts;

    /** The assembled instance behind the site. */
    public final Instance instance;

    public final Subscriptions subscriptions;

    /** Mail to the fixture's GreenMail. */
    public final MailTransport transport;

    /** A real SMTP server; the site sends its mail there. */
    public final GreenMail mail;

    /**
     * The community's clock: the evening of the sample's newest day (1 July 2026, New York), so
     * that day's papers can be submitted.
     */
    public final Clock clock = Clock.fixed(Instant.parse("2026-07-01T22:00:00Z"), ZoneOffset.UTC);

    public final String baseUrl;
    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    public static synchronized SiteFixture shared() {
        if (shared == null) {
            shared = new SiteFixture();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    private SiteFixture() {
        try {
            dir = Files.createTempDirectory("paperboy-site");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        mail = MailServers.smtpAndImap();
        // Chosen just before the server binds it, so little can take it in between.
        int port = freePort();
        baseUrl = "http://127.0.0.1:" + port; // links in mail and feeds: the site's own address
        Settings settings =
                TestSettings.of(
                        dir,
                        Map.of(
                                Setting.SITE_URL,
                                baseUrl,
                                Setting.ADMIN_EMAIL,
                                "admin@test.local",
                                Setting.SMTP_HOST,
                                "127.0.0.1",
                                Setting.SMTP_PORT,
                                String.valueOf(mail.getSmtp().getPort()),
                                Setting.SMTP_SECURITY,
                                "none",
                                Setting.MAIL_FROM,
                                "paperboy@test.local",
                                // the tests' own client stands for a TLS proxy's when it sends
                                // X-Forwarded-Proto; from 127.0.0.2 the header is ignored
                                Setting.TRUSTED_PROXIES,
                                "127.0.0.1"));
        // Pages are not reused, so a test sees its own writes at once; every test signs in from
        // 127.0.0.1 on one fixed clock, so the per-client limit is raised (MailRateLimitsTest tests
        // the real one); submissions never reach arXiv.
        instance =
                Instance.of(
                        settings,
                        Instance.Options.defaults()
                                .withClock(clock)
                                .withPageReuse(Duration.ZERO)
                                .withSignInsPerClientPerHour(1000)
                                .withArxivLookup(id -> Optional.empty()));
        db = instance.database();
        catalog = instance.catalog();
        List<Path> files = new ArrayList<>(SharedData.arxivParts());
        files.add(SharedData.pwcLinks());
        new Importer(catalog, instance.codeLinks()).importFiles(files, ImportProgress.silent());
        catalog.upsert(List.of(hostilePaper()));
        search = instance.searchUpToDate();
        daily = instance.daily();
        trending = instance.trending();
        community = instance.community();
        accounts = instance.accounts();
        subscriptions = instance.subscriptions();
        transport = instance.mail();
        instance.startWeb("127.0.0.1", port);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Paper hostilePaper() {
        return new Paper(
                HOSTILE,
                1,
                HOSTILE_TITLE,
                "An abstract with <img src=x onerror=alert('abstract')> and a javascript:alert(1)"
                        + " link, a control character \u0001 here, and ]]> too.",
                List.of("Robert'); DROP TABLE papers;--", "<i>Eve</i>"),
                List.of("cs.CR"),
                null,
                null,
                null,
                null,
                HOSTILE_DAY,
                HOSTILE_DAY,
                "javascript:alert('code')",
                null);
    }

    /** GET {@code path} (with optional header name/value pairs); redirects are not followed. */
    public HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    /** Sends {@code request} to the site as it is; redirects are not followed. */
    public HttpResponse<String> send(HttpRequest request) {
        return send(http, request);
    }

    /** Sends {@code request} from the loopback address {@code from} (a second client). */
    public HttpResponse<String> sendFrom(String from, HttpRequest request) {
        try (HttpClient client =
                HttpClient.newBuilder().localAddress(InetAddress.getByName(from)).build()) {
            return send(client, request);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(from, e);
        }
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The ids of the paper cards in {@code html}, top to bottom. */
    public static List<String> paperIds(String html) {
        return PAPER_LINK.matcher(html).results().map(m -> m.group(1)).toList();
    }

    /** The ids of the papers a list page shows, over all its pages, top to bottom. */
    public List<String> paperIdsOn(String path) {
        HttpResponse<String> r = get(path);
        if (r.statusCode() != 200) {
            throw new AssertionError(path + " answered " + r.statusCode());
        }
        List<String> all = new ArrayList<>(paperIds(r.body()));
        int page = 2; // later pages of long days
        while (r.body().contains("?page=" + page + "\"")) {
            r = get(path + "?page=" + page++);
            all.addAll(paperIds(r.body()));
        }
        return all;
    }

    /**
     * Signs {@code browser} in as a reader does: from {@code fromPath}'s "Sign in" link, through
     * the link mailed to {@code address}, back on {@code fromPath}.
     */
    public void signInBrowser(WebDriver browser, String address, String fromPath) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(baseUrl + fromPath);
        browser.findElement(By.linkText("Sign in")).click();
        browser.findElement(By.id("signin-email")).sendKeys(address);
        browser.findElement(By.cssSelector("form.signin button")).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Check your inbox"));
        browser.get(signInLinkMailedTo(address));
        browser.findElement(By.id("finish-signin")).click();
        wait.until(ExpectedConditions.urlContains(fromPath));
    }

    /**
     * The newest sign-in link mailed to {@code address}, waiting until there are more than {@code
     * before} of them (the count before asking for another).
     */
    public String newSignInLinkMailedTo(String address, int before) {
        return Poll.value(
                "sign-in link number " + (before + 1) + " mailed to " + address,
                () -> {
                    List<String> links = signInLinksMailedTo(address);
                    return links.size() > before
                            ? Optional.of(links.getLast())
                            : Optional.<String>empty();
                });
    }

    /** Every sign-in link mailed to {@code address} so far, oldest first; does not wait. */
    public List<String> signInLinksMailedTo(String address) {
        List<String> links = new ArrayList<>();
        try {
            for (MimeMessage m : mail.getReceivedMessages()) {
                if (m.getAllRecipients()[0].toString().equals(address)) {
                    SIGN_IN_LINK
                            .matcher(m.getContent().toString())
                            .results()
                            .map(r -> r.group(1))
                            .findFirst()
                            .ifPresent(links::add);
                }
            }
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException("cannot read the mail GreenMail received", e);
        }
        return links;
    }

    /**
     * The sign-in link in the first mail to {@code address} that has one, waiting for the mail to
     * arrive.
     */
    public String signInLinkMailedTo(String address) {
        return Poll.value(
                "a sign-in link mailed to " + address,
                () -> {
                    try {
                        for (MimeMessage m : mail.getReceivedMessages()) {
                            if (m.getAllRecipients()[0].toString().equals(address)) {
                                Optional<String> link =
                                        SIGN_IN_LINK
                                                .matcher(m.getContent().toString())
                                                .results()
                                                .map(r -> r.group(1))
                                                .findFirst();
                                if (link.isPresent()) {
                                    return link;
                                }
                            }
                        }
                        return Optional.empty();
                    } catch (IOException | MessagingException e) {
                        throw new IllegalStateException(
                                "cannot read the mail GreenMail received", e);
                    }
                });
    }

    /**
     * The messages in {@code address}'s INBOX, read over IMAP (the account is created on first
     * use).
     */
    public List<MimeMessage> imapInbox(String address) {
        return MailServers.imapInbox(mail, address);
    }

    private void close() {
        instance.close();
        mail.stop();
    }
}
