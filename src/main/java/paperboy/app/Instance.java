package paperboy.app;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import paperboy.catalog.CatalogStore;
import paperboy.catalog.CodeLinkStore;
import paperboy.catalog.Database;
import paperboy.catalog.HarvestCheckpoints;
import paperboy.catalog.JobLeases;
import paperboy.catalog.SharedRateLimiter;
import paperboy.catalog.VectorStore;
import paperboy.common.Closer;
import paperboy.common.Nodes;
import paperboy.community.AccessTokens;
import paperboy.community.Accounts;
import paperboy.community.CommunityStore;
import paperboy.community.SignIn;
import paperboy.community.Submissions;
import paperboy.community.Submissions.ArxivLookup;
import paperboy.config.Settings;
import paperboy.config.SettingsException;
import paperboy.daily.DailyPapers;
import paperboy.digest.DigestComposer;
import paperboy.digest.DigestRound;
import paperboy.digest.DigestScheduler;
import paperboy.digest.Outbox;
import paperboy.digest.SubscriptionDesk;
import paperboy.digest.Subscriptions;
import paperboy.github.GitHubClient;
import paperboy.github.StarStore;
import paperboy.github.StarsRound;
import paperboy.github.StarsRunner;
import paperboy.ingest.ArxivClients;
import paperboy.ingest.HarvestRunner;
import paperboy.ingest.LeasedHarvest;
import paperboy.ingest.arxiv.ArxivApiClient;
import paperboy.ingest.arxiv.ArxivResponseException;
import paperboy.ingest.arxiv.ArxivUnavailableException;
import paperboy.library.CollectionStore;
import paperboy.library.LibraryImport;
import paperboy.library.LibraryStore;
import paperboy.mail.MailSettings;
import paperboy.mail.MailTransport;
import paperboy.mcp.McpEndpoint;
import paperboy.mcp.PaperTools;
import paperboy.recommend.Recommender;
import paperboy.recommend.Tastes;
import paperboy.search.EmbeddingModel;
import paperboy.search.EmbeddingStatus;
import paperboy.search.PaperSearch;
import paperboy.search.SearchIndexes;
import paperboy.search.SearchRunner;
import paperboy.trending.Trending;
import paperboy.web.Site;
import paperboy.web.WebServer;

/**
 * One running Paperboy, assembled from its settings: the one place where the parts are built and
 * wired. Every command and every test fixture gets its parts here. A part is built on first use (a
 * {@code stats} opens the database and nothing else), at most once, and closed by {@link #close} in
 * reverse order of opening, each even when another one's close throws. When a part's constructor
 * throws, what was opened before it is still closed by {@link #close}, which the caller's
 * try-with-resources runs. Thread-safe.
 */
public final class Instance implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Instance.class);

    /** Paperboy's version, as told to MCP clients (and by {@code paperboy --version}). */
    public static final String VERSION = "0.1.0";

    private final Settings settings;
    private final Options options;
    private final Closer closer = new Closer();
    private final String node = Nodes.name();

    /**
     * Held while the site or the background work starts, and by {@link #close}: a stop that comes
     * during the start (Ctrl-C while the model loads) waits for it, then stops all of it. Without
     * it, a part built after the close ran was never closed, and an embedding thread still in
     * native code when the JVM exited crashed it.
     */
    private final Object lifecycle = new Object();

    private volatile boolean closed;
    private volatile @Nullable WebServer web; // set by startWeb

    // Each part is built on first use; those that hold threads, files or connections are closed.
    private final Part<Database> database = closed(() -> Database.open(settings()));
    private final Part<CatalogStore> catalog = part(() -> new CatalogStore(dataSource()));
    private final Part<VectorStore> vectors = part(() -> new VectorStore(dataSource()));
    private final Part<Recommender> recommender =
            part(
                    () -> {
                        EmbeddingModel model = SearchIndexes.model(settings());
                        return new Recommender(
                                catalog(),
                                daily(),
                                vectors(),
                                model == null ? null : model.key(),
                                clock());
                    });
    private final Part<PaperSearch> search =
            closed(() -> SearchIndexes.open(settings(), catalog(), vectors()));
    private final Part<SearchRunner> searchRunner =
            closed(
                    () ->
                            new SearchRunner(
                                    search(),
                                    SearchIndexes.model(settings()),
                                    vectors(),
                                    settings().modelThreads(),
                                    () -> catalog().lastChange(),
                                    Clock.systemUTC(),
                                    node,
                                    settings().embedLease()));
    // Running only where serve started the runner; asking must not build a runner (and its model).
    private final Part<EmbeddingStatus> embedding =
            part(
                    () ->
                            new EmbeddingStatus(
                                    search(),
                                    () -> {
                                        SearchRunner runner = searchRunner.built();
                                        return runner != null && runner.embedding();
                                    }));
    private final Part<DailyPapers> daily = part(() -> new DailyPapers(dataSource(), catalog()));
    // Its once-a-minute refresh follows the wall clock, whatever the community's clock says.
    private final Part<Trending> trending = part(() -> new Trending(daily(), Clock.systemUTC()));
    private final Part<MailTransport> mail = part(this::buildMail);
    private final Part<ArxivClients> arxiv =
            closed(
                    () ->
                            new ArxivClients(
                                    settings(),
                                    catalog(),
                                    new HarvestCheckpoints(dataSource()),
                                    clock()));
    private final Part<GitHubClient> github =
            closed(
                    () ->
                            new GitHubClient(
                                    settings().githubApiUrl(),
                                    settings().githubToken(),
                                    settings().userAgent(),
                                    Clock.systemUTC(),
                                    wait -> Thread.sleep(wait)));
    private final Part<StarStore> stars = part(() -> new StarStore(dataSource()));
    private final Part<StarsRunner> starsRunner =
            closed(() -> new StarsRunner(starsRound(), jobLeases(), node, Clock.systemUTC()));
    private final Part<HarvestRunner> harvest =
            closed(
                    () ->
                            settings().harvestEnabled()
                                    ? HarvestRunner.forSettings(
                                            settings(), leasedHarvest(), arxiv(), Clock.systemUTC())
                                    : HarvestRunner.off());
    private final Part<Accounts> accounts = part(() -> new Accounts(dataSource(), clock()));
    private final Part<CommunityStore> community =
            part(() -> new CommunityStore(dataSource(), clock()));
    private final Part<Subscriptions> subscriptions = part(() -> new Subscriptions(dataSource()));
    private final Part<DigestRound> digestRound =
            part(
                    () ->
                            new DigestRound(
                                            subscriptions(),
                                            new Outbox(dataSource()),
                                            digestComposer(),
                                            mail(),
                                            requirePublicBaseUrl("sending digests"),
                                            clock(),
                                            DigestRound.FIRST_RETRY,
                                            DigestRound.MAX_RETRY,
                                            node)
                                    .withLease(settings().digestLease()));
    private final Part<DigestScheduler> digestScheduler =
            closed(
                    () ->
                            new DigestScheduler(
                                    digestRound(),
                                    settings().digestTime(),
                                    settings().digestZone(),
                                    clock(),
                                    () -> daily().latestAnnouncedDay().orElse(null)));

    private final Part<Monitoring> monitoring = closed(this::buildMonitoring);

    /**
     * What tests and embedders may replace; everything else comes from the settings.
     *
     * @param clock the clock of the community and the digests (sign-in expiry, submission windows,
     *     digest periods)
     * @param transport where mail goes, or {@code null}: SMTP from the settings, else the outbox
     * @param arxivLookup how a submission fetches a paper the catalog lacks, or {@code null}: the
     *     arXiv API
     * @param pageReuse how long a rendered page is reused
     * @param signInsPerClientPerHour sign-in mails one client address may ask for in an hour
     */
    public record Options(
            Clock clock,
            @Nullable MailTransport transport,
            @Nullable ArxivLookup arxivLookup,
            Duration pageReuse,
            int signInsPerClientPerHour) {
        public static Options defaults() {
            return new Options(
                    Clock.systemUTC(),
                    null,
                    null,
                    WebServer.PAGE_REUSE,
                    SignIn.MAILS_PER_CLIENT_PER_HOUR);
        }

        public Options withClock(Clock newClock) {
            return new Options(
                    newClock, transport, arxivLookup, pageReuse, signInsPerClientPerHour);
        }

        public Options withTransport(MailTransport newTransport) {
            return new Options(
                    clock, newTransport, arxivLookup, pageReuse, signInsPerClientPerHour);
        }

        public Options withArxivLookup(ArxivLookup lookup) {
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

    /** The clock of the community and the digests ({@link Options#clock}). */
    public Clock clock() {
        return options.clock();
    }

    /** This process's name among the nodes of one catalog (for leases). */
    public String node() {
        return node;
    }

    public Database database() {
        return database.get();
    }

    private DataSource dataSource() {
        return database().dataSource();
    }

    public CatalogStore catalog() {
        return catalog.get();
    }

    public CodeLinkStore codeLinks() {
        return new CodeLinkStore(dataSource());
    }

    public VectorStore vectors() {
        return vectors.get();
    }

    /** The search index of the data dir, with the configured model; see {@link #searchUpToDate}. */
    public PaperSearch search() {
        return search.get();
    }

    /** {@link #search}, first brought up to the catalog (a command after an import). */
    public PaperSearch searchUpToDate() {
        PaperSearch s = search();
        SearchIndexes.catchUp(s);
        return s;
    }

    /** The index follower and background embedding of {@code serve}. */
    public SearchRunner searchRunner() {
        return searchRunner.get();
    }

    /** How far meaning-based search reaches, and whether this process is embedding. */
    public EmbeddingStatus embedding() {
        return embedding.get();
    }

    public DailyPapers daily() {
        return daily.get();
    }

    public Trending trending() {
        return trending.get();
    }

    /** SMTP when {@code smtp.host} is set, else .eml files in DATA/outbox (or the override). */
    public MailTransport mail() {
        return mail.get();
    }

    private MailTransport buildMail() {
        MailTransport given = options.transport();
        return given != null
                ? given
                : MailTransport.of(MailSettings.of(settings), settings.dataDir().resolve("outbox"));
    }

    /**
     * The arXiv clients, sharing one polite HTTP client (arXiv's rate limit counts them together).
     */
    public ArxivClients arxiv() {
        return arxiv.get();
    }

    /** Leases on the catalog's periodic jobs (harvest, stars), shared by every process. */
    public JobLeases jobLeases() {
        return new JobLeases(dataSource(), Clock.systemUTC());
    }

    /** GitHub stars in the catalog. */
    public StarStore stars() {
        return stars.get();
    }

    /** One round over the linked GitHub repositories ({@code paperboy stars}, serve daily). */
    public StarsRound starsRound() {
        return new StarsRound(stars(), github.get(), clock());
    }

    /** The leases this node holds on the catalog's shared work, for /healthz. */
    private Map<String, Object> leasesHeld() {
        Map<String, Object> held = new LinkedHashMap<>();
        held.put("node", node);
        held.put(
                "harvest",
                jobLeases()
                        .holder(LeasedHarvest.JOB)
                        .filter(h -> h.owner().equals(node))
                        .isPresent());
        held.put(
                "stars",
                jobLeases().holder(StarsRound.JOB).filter(h -> h.owner().equals(node)).isPresent());
        held.put("embedding_papers", vectors().leases().getOrDefault(node, 0L));
        return held;
    }

    /** The catalog's category harvest, one process at a time (serve's rounds, {@code harvest}). */
    public LeasedHarvest leasedHarvest() {
        return new LeasedHarvest(
                arxiv(),
                settings().categories(),
                jobLeases(),
                node,
                settings().harvestLease(),
                Clock.systemUTC());
    }

    /** The scheduled harvest of {@code serve}, or one that is off (harvest.enabled=false). */
    public HarvestRunner harvest() {
        return harvest.get();
    }

    public Accounts accounts() {
        return accounts.get();
    }

    public CommunityStore community() {
        return community.get();
    }

    public Subscriptions subscriptions() {
        return subscriptions.get();
    }

    public DigestComposer digestComposer() {
        return new DigestComposer(catalog(), daily(), search(), recommender(), tastes());
    }

    /** "For you" and the digests' part of it: one, so a period's model serves both. */
    public Recommender recommender() {
        return recommender.get();
    }

    public Tastes tastes() {
        return new Tastes(dataSource(), clock());
    }

    /**
     * The address in links that leave the site (mail, feeds): {@code site.url}; without it, under
     * {@code serve}, the address the server really listens on; empty otherwise.
     */
    public Optional<String> publicBaseUrl() {
        if (!settings.siteUrl().isEmpty()) {
            return Optional.of(settings.siteUrl());
        }
        WebServer running = web;
        return running != null
                ? Optional.of("http://localhost:" + running.port())
                : Optional.empty();
    }

    /**
     * {@link #publicBaseUrl}, or a refusal that asks for {@code site.url}: mail must not carry dead
     * links.
     */
    public String requirePublicBaseUrl(String forWhat) {
        return publicBaseUrl()
                .orElseThrow(
                        () ->
                                new SettingsException(
                                        forWhat
                                                + " needs site.url (PAPERBOY_SITE_URL), the address"
                                                + " readers open the site at, e.g."
                                                + " https://papers.example.org: links in mail point"
                                                + " there"));
    }

    /** The digest round; its links use {@link #requirePublicBaseUrl}. */
    public DigestRound digestRound() {
        return digestRound.get();
    }

    /**
     * Digests at {@code digest.time} in {@code digest.zone}, on a background thread of their own.
     */
    public DigestScheduler digestScheduler() {
        return digestScheduler.get();
    }

    /**
     * Submissions' arXiv lookup through the API client: an outage (unreachable, refusing, an answer
     * that is not Atom) is said to be one; anything else is a bug and propagates.
     */
    public static ArxivLookup lookupThrough(ArxivApiClient api) {
        return id -> {
            try {
                return api.fetch(id);
            } catch (ArxivUnavailableException | ArxivResponseException e) {
                throw new Submissions.Unavailable(
                        e.getMessage() == null ? e.toString() : e.getMessage(), e);
            }
        };
    }

    /** What the web layer reads and writes. */
    public Site site() {
        Clock clock = clock();
        SignIn signIn =
                new SignIn(
                        accounts(),
                        mail(),
                        settings.adminEmail(),
                        clock,
                        options.signInsPerClientPerHour(),
                        settings.allowedDomains(),
                        new SharedRateLimiter(
                                dataSource(),
                                "signin-address",
                                SignIn.MAILS_PER_ADDRESS_PER_HOUR,
                                Duration.ofHours(1),
                                clock));
        ArxivLookup given = options.arxivLookup();
        ArxivLookup lookup = given != null ? given : lookupThrough(arxiv().api);
        Submissions submissions =
                new Submissions(catalog(), community(), lookup, settings.submitDays(), clock);
        LibraryStore library = new LibraryStore(dataSource(), clock);
        return new Site(
                catalog(),
                daily(),
                trending(),
                search(),
                new Site.Background(
                        () -> harvest().status(),
                        () -> {
                            HarvestRunner running = harvest.built();
                            return running == null ? Optional.empty() : running.lastSuccess();
                        },
                        () -> {
                            DigestScheduler running = digestScheduler.built();
                            return running == null ? Optional.empty() : running.lastRound();
                        },
                        () -> {
                            SearchRunner running = searchRunner.built();
                            return running == null ? Duration.ZERO : running.behind();
                        },
                        settings.maxIndexLag(),
                        this::leasesHeld),
                embedding(),
                new Site.Community(
                        accounts(),
                        community(),
                        signIn,
                        submissions,
                        new SharedRateLimiter(
                                dataSource(),
                                "posts-member",
                                CommunityStore.POSTS_PER_WINDOW,
                                CommunityStore.POST_WINDOW,
                                clock),
                        library,
                        new LibraryImport(catalog(), search(), library),
                        new AccessTokens(dataSource(), clock),
                        new CollectionStore(dataSource(), clock),
                        recommender(),
                        tastes()),
                new Site.Digests(
                        subscriptions(),
                        new SubscriptionDesk(
                                subscriptions(),
                                mail(),
                                clock,
                                settings.allowedDomains(),
                                new SharedRateLimiter(
                                        dataSource(),
                                        "subscribe-address",
                                        SubscriptionDesk.PER_ADDRESS_PER_HOUR,
                                        Duration.ofHours(1),
                                        clock))),
                () -> publicBaseUrl().orElse(""),
                clock);
    }

    private Monitoring buildMonitoring() {
        Monitoring built = new Monitoring(database());
        Outbox outbox = new Outbox(dataSource());
        built.counts(
                "paperboy.digest.outbox",
                "Digests in the outbox, by status: pending ones wait to be sent or retried, failed"
                        + " ones were given up on.",
                List.of("pending", "failed"),
                outbox::counts);
        return built;
    }

    private Monitoring monitoring() {
        return monitoring.get();
    }

    /**
     * Starts the site on {@code host}:{@code port} (0: any free port) and returns the port it
     * listens on; links in mail use it when {@code site.url} is not set.
     */
    public int startWeb(String host, int port) {
        synchronized (lifecycle) {
            refuseWhenClosed();
            WebServer running = web;
            if (running != null) {
                throw new IllegalStateException(
                        "the site is already running on port " + running.port());
            }
            Site site = site();
            WebServer server =
                    closer.register(
                            new WebServer(
                                    site,
                                    options.pageReuse(),
                                    settings.searchesAtOnce(),
                                    settings.searchesPerMinute(),
                                    settings.trustedProxies(),
                                    settings.sitePrivate(),
                                    monitoring().registry()));
            McpEndpoint mcp =
                    closer.register(
                            McpEndpoint.create(
                                    new PaperTools(
                                            site.catalog(),
                                            site.daily(),
                                            site.search(),
                                            site.community().library(),
                                            site.community().recommender(),
                                            site.community().tastes(),
                                            site.community().tokens(),
                                            site.baseUrl(),
                                            settings.sitePrivate(),
                                            settings.searchesAtOnce(),
                                            settings.searchesPerMinute(),
                                            site.clock()),
                                    site.baseUrl().get(),
                                    VERSION));
            server.mount(McpEndpoint.PATH + "/*", mcp.servlet());
            try {
                server.start(host, port);
            } catch (RuntimeException e) {
                throw new IllegalStateException("cannot listen on " + host + ":" + port, e);
            }
            web = server;
            if (settings.siteUrl().isEmpty()) {
                LOG.warn(
                        "site.url is not set: links in mail and feeds point to {}; set site.url"
                                + " (PAPERBOY_SITE_URL) to the address readers use",
                        publicBaseUrl().orElseThrow());
            }
            return server.port();
        }
    }

    /**
     * Starts the background work of {@code serve}: harvest, index follower and embedding, digests.
     */
    public void startBackground() {
        synchronized (lifecycle) {
            refuseWhenClosed();
            harvest().start();
            searchRunner().start();
            digestScheduler().start();
            if (settings.githubStars()) {
                starsRunner.get().start();
            }
        }
    }

    /** True once {@link #close} began: the process is stopping. */
    public boolean closed() {
        return closed;
    }

    private void refuseWhenClosed() {
        if (closed) {
            throw new Stopping();
        }
    }

    /** Thrown when a part is asked for while the instance stops (the JVM is shutting down). */
    public static final class Stopping extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        Stopping() {
            super("Paperboy is stopping");
        }
    }

    /** Closes every part opened, in reverse order of opening. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            closed = true;
        }
        closer.close();
    }

    private <T> Part<T> part(Supplier<T> build) {
        return new Part<>(build, null);
    }

    private <T extends AutoCloseable> Part<T> closed(Supplier<T> build) {
        return new Part<>(build, closer);
    }

    /** One part: built on first use, once; registered to be closed when it holds resources. */
    private final class Part<T> {
        private final Supplier<T> build;
        private final @Nullable Closer closer;
        // Volatile: built() reads it without the lock, so a health probe never waits for a part
        // that is being built (loading models takes seconds).
        private volatile @Nullable T value;

        Part(Supplier<T> build, @Nullable Closer closer) {
            this.build = build;
            this.closer = closer;
        }

        /** The part if it was built, without building it. */
        @Nullable T built() {
            return value;
        }

        synchronized T get() {
            T built = value;
            if (built == null) {
                refuseWhenClosed(); // built now, it would never be closed
                built = build.get();
                if (closer != null) {
                    // the closer closes it at once when the stop came while it was being built
                    closer.register((AutoCloseable) built);
                }
                if (closed) {
                    throw new Stopping();
                }
                value = built;
            }
            return built;
        }
    }
}
