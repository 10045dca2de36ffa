package paperboy.app;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import paperboy.catalog.ArxivId;
import paperboy.catalog.CatalogStore;
import paperboy.catalog.CodeLinkStore;
import paperboy.catalog.Database;
import paperboy.catalog.HarvestCheckpoints;
import paperboy.catalog.Paper;
import paperboy.catalog.VectorStore;
import paperboy.common.Closer;
import paperboy.common.Nodes;
import paperboy.community.Accounts;
import paperboy.community.CommunityStore;
import paperboy.community.SignIn;
import paperboy.community.Submissions;
import paperboy.config.Settings;
import paperboy.config.SettingsException;
import paperboy.daily.DailyPapers;
import paperboy.digest.DigestComposer;
import paperboy.digest.DigestRound;
import paperboy.digest.DigestScheduler;
import paperboy.digest.Outbox;
import paperboy.digest.SubscriptionDesk;
import paperboy.digest.Subscriptions;
import paperboy.ingest.ArxivClients;
import paperboy.ingest.HarvestRunner;
import paperboy.mail.MailSettings;
import paperboy.mail.MailTransport;
import paperboy.search.PaperSearch;
import paperboy.search.SearchIndexes;
import paperboy.search.SearchRunner;
import paperboy.trending.Trending;
import paperboy.web.Site;
import paperboy.web.WebServer;

/**
 * One running Paperboy, assembled from its settings: the one place where the parts are built and
 * wired. Every command and every test fixture gets its parts here. A part is built on first use
 * (a {@code stats} opens the database and nothing else), at most once, and closed by
 * {@link #close} in reverse order of opening, each even when another one's close throws. When a
 * part's constructor throws, what was opened before it is still closed by {@link #close}, which
 * the caller's try-with-resources runs. Thread-safe.
 */
public final class Instance implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Instance.class);

    private final Settings settings;
    private final Options options;
    private final Closer closer = new Closer();
    private final String node = Nodes.name();

    // Each part is null until its first use (the web server: until startWeb).
    private @Nullable Database database;
    private @Nullable CatalogStore catalog;
    private @Nullable VectorStore vectors;
    private @Nullable PaperSearch search;
    private @Nullable SearchRunner searchRunner;
    private @Nullable DailyPapers daily;
    private @Nullable Trending trending;
    private @Nullable MailTransport mail;
    private @Nullable ArxivClients arxiv;
    private @Nullable HarvestRunner harvest;
    private @Nullable Accounts accounts;
    private @Nullable CommunityStore community;
    private @Nullable Subscriptions subscriptions;
    private @Nullable DigestRound digestRound;
    private @Nullable DigestScheduler digestScheduler;
    private @Nullable WebServer web;

    /**
     * What tests and embedders may replace; everything else comes from the settings.
     *
     * @param clock          the clock of the community and the digests (sign-in expiry, submission
     *                       windows, digest periods)
     * @param transport      where mail goes, or {@code null}: SMTP from the settings, else the outbox
     * @param arxivLookup    how a submission fetches a paper the catalog lacks, or {@code null}: the
     *                       arXiv API
     * @param pageReuse      how long a rendered page is reused
     * @param signInsPerClientPerHour sign-in mails one client address may ask for in an hour
     */
    public record Options(Clock clock, @Nullable MailTransport transport,
                          @Nullable Function<ArxivId, Optional<Paper>> arxivLookup,
                          Duration pageReuse, int signInsPerClientPerHour) {
        public static Options defaults() {
            return new Options(Clock.systemUTC(), null, null, WebServer.PAGE_REUSE, SignIn.MAILS_PER_CLIENT_PER_HOUR);
        }

        public Options withClock(Clock newClock) {
            return new Options(newClock, transport, arxivLookup, pageReuse, signInsPerClientPerHour);
        }

        public Options withTransport(MailTransport newTransport) {
            return new Options(clock, newTransport, arxivLookup, pageReuse, signInsPerClientPerHour);
        }

        public Options withArxivLookup(Function<ArxivId, Optional<Paper>> lookup) {
            return new Options(clock, transport, lookup, pageReuse, signInsPerClientPerHour);
        }

        public Options withPageReuse(Duration reuse) {
            return new Options(clock, transport, arxivLookup, reuse, signInsPerClientPerHour);
        }

        public Options withSignInsPerClientPerHour(int limit) {
            return new Options(clock, transport, arxivLookup, pageReuse, limit);
        }
    }

    private Instance(Settings settings, Options options) {
        this.settings = settings;
        this.options = options;
    }

    public static Instance of(Settings settings) {
        return new Instance(settings, Options.defaults());
    }

    public static Instance of(Settings settings, Options options) {
        return new Instance(settings, options);
    }

    public Settings settings() {
        return settings;
    }

    /** This process's name among the nodes of one catalog (for leases). */
    public String node() {
        return node;
    }

    public synchronized Database database() {
        Database opened = database;
        if (opened == null) {
            opened = closer.register(Database.open(settings));
            database = opened;
        }
        return opened;
    }

    public synchronized CatalogStore catalog() {
        CatalogStore built = catalog;
        if (built == null) {
            built = new CatalogStore(database().dataSource());
            catalog = built;
        }
        return built;
    }

    public CodeLinkStore codeLinks() {
        return new CodeLinkStore(database().dataSource());
    }

    public synchronized VectorStore vectors() {
        VectorStore built = vectors;
        if (built == null) {
            built = new VectorStore(database().dataSource());
            vectors = built;
        }
        return built;
    }

    /** The search index of the data dir, with the configured model; see {@link #searchUpToDate}. */
    public synchronized PaperSearch search() {
        PaperSearch built = search;
        if (built == null) {
            built = closer.register(SearchIndexes.open(settings, catalog(), vectors()));
            search = built;
        }
        return built;
    }

    /** {@link #search}, first brought up to the catalog (a command after an import). */
    public PaperSearch searchUpToDate() {
        PaperSearch s = search();
        SearchIndexes.catchUp(s);
        return s;
    }

    /** The index follower and background embedding of {@code serve}. */
    public synchronized SearchRunner searchRunner() {
        SearchRunner built = searchRunner;
        if (built == null) {
            built = closer.register(new SearchRunner(search(), SearchIndexes.model(settings), vectors()));
            searchRunner = built;
        }
        return built;
    }

    public synchronized DailyPapers daily() {
        DailyPapers built = daily;
        if (built == null) {
            built = new DailyPapers(database().dataSource(), catalog());
            daily = built;
        }
        return built;
    }

    /** The trending list; its once-a-minute refresh follows the wall clock, whatever the community's. */
    public synchronized Trending trending() {
        Trending built = trending;
        if (built == null) {
            built = new Trending(daily(), Clock.systemUTC());
            trending = built;
        }
        return built;
    }

    /** SMTP when {@code smtp.host} is set, else .eml files in DATA/outbox (or the override). */
    public synchronized MailTransport mail() {
        MailTransport built = mail;
        if (built == null) {
            built = options.transport() != null ? options.transport()
                        : MailTransport.of(MailSettings.of(settings), settings.dataDir().resolve("outbox"));
            mail = built;
        }
        return built;
    }

    /** The arXiv clients, sharing one polite HTTP client (arXiv's rate limit counts them together). */
    public synchronized ArxivClients arxiv() {
        ArxivClients built = arxiv;
        if (built == null) {
            built = closer.register(new ArxivClients(settings, catalog(), new HarvestCheckpoints(database().dataSource())));
            arxiv = built;
        }
        return built;
    }

    /** The scheduled harvest of {@code serve}, or one that is off (harvest.enabled=false). */
    public synchronized HarvestRunner harvest() {
        HarvestRunner built = harvest;
        if (built == null) {
            built = closer.register(settings.harvestEnabled()
                        ? HarvestRunner.forSettings(settings, arxiv(), Clock.systemUTC())
                        : HarvestRunner.off());
            harvest = built;
        }
        return built;
    }

    public synchronized Accounts accounts() {
        Accounts built = accounts;
        if (built == null) {
            built = new Accounts(database().dataSource());
            accounts = built;
        }
        return built;
    }

    public synchronized CommunityStore community() {
        CommunityStore built = community;
        if (built == null) {
            built = new CommunityStore(database().dataSource());
            community = built;
        }
        return built;
    }

    public synchronized Subscriptions subscriptions() {
        Subscriptions built = subscriptions;
        if (built == null) {
            built = new Subscriptions(database().dataSource());
            subscriptions = built;
        }
        return built;
    }

    public DigestComposer digestComposer() {
        return new DigestComposer(catalog(), daily(), search());
    }

    /**
     * The address in links that leave the site (mail, feeds): {@code site.url}; without it, under
     * {@code serve}, the address the server really listens on; empty otherwise.
     */
    public synchronized Optional<String> publicBaseUrl() {
        if (!settings.siteUrl().isEmpty()) {
            return Optional.of(settings.siteUrl());
        }
        return web != null && web.port() > 0 ? Optional.of("http://localhost:" + web.port()) : Optional.empty();
    }

    /** {@link #publicBaseUrl}, or a refusal that asks for {@code site.url}: mail must not carry dead links. */
    public String requirePublicBaseUrl(String forWhat) {
        return publicBaseUrl().orElseThrow(() -> new SettingsException(forWhat + " needs site.url (PAPERBOY_SITE_URL),"
                + " the address readers open the site at, e.g. https://papers.example.org: links in mail point there"));
    }

    /** The digest round; its links use {@link #requirePublicBaseUrl}. */
    public synchronized DigestRound digestRound() {
        DigestRound built = digestRound;
        if (built == null) {
            built = new DigestRound(subscriptions(), new Outbox(database().dataSource()), digestComposer(), mail(),
                        requirePublicBaseUrl("sending digests"), options.clock(), DigestRound.FIRST_RETRY,
                        DigestRound.MAX_RETRY, node).withLease(settings.digestLease());
            digestRound = built;
        }
        return built;
    }

    /** Digests at {@code digest.time} in {@code digest.zone}, on a background thread of their own. */
    public synchronized DigestScheduler digestScheduler() {
        if (digestScheduler == null) {
            Supplier<@Nullable LocalDate> latestDay = () -> daily().latestAnnouncedDay().orElse(null);
            digestScheduler = closer.register(new DigestScheduler(digestRound(), settings.digestTime(),
                    settings.digestZone(), options.clock(), latestDay));
        }
        return digestScheduler;
    }

    /** What the web layer reads and writes. */
    public Site site() {
        Clock clock = options.clock();
        SignIn signIn = new SignIn(accounts(), mail(), settings.adminEmail(), clock, options.signInsPerClientPerHour());
        Function<ArxivId, Optional<Paper>> given = options.arxivLookup();
        Function<ArxivId, Optional<Paper>> lookup = given != null ? given : id -> arxiv().api.fetch(id);
        Submissions submissions = new Submissions(catalog(), community(), lookup, settings.submitDays(), clock);
        return new Site(catalog(), daily(), trending(), search(), () -> harvest().status(),
                new Site.Community(accounts(), community(), signIn, submissions),
                new Site.Digests(subscriptions(), new SubscriptionDesk(subscriptions(), mail(), clock)),
                () -> publicBaseUrl().orElse(""));
    }

    /**
     * Starts the site on {@code host}:{@code port} (0: any free port) and returns the port it
     * listens on; links in mail use it when {@code site.url} is not set.
     */
    public synchronized int startWeb(String host, int port) {
        if (web != null) {
            throw new IllegalStateException("the site is already running on port " + web.port());
        }
        WebServer server = closer.register(new WebServer(site(), options.pageReuse()));
        try {
            server.start(host, port);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot listen on " + host + ":" + port, e);
        }
        web = server;
        if (settings.siteUrl().isEmpty()) {
            LOG.warn("site.url is not set: links in mail and feeds point to {}; set site.url (PAPERBOY_SITE_URL)"
                    + " to the address readers use", publicBaseUrl().orElseThrow());
        }
        return server.port();
    }

    /** Starts the background work of {@code serve}: harvest, index follower and embedding, digests. */
    public void startBackground() {
        harvest().start();
        searchRunner().start();
        digestScheduler().start();
    }

    /** Closes every part opened, in reverse order of opening. */
    @Override
    public void close() {
        closer.close();
    }
}
