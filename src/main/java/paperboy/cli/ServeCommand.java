package paperboy.cli;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import paperboy.Paperboy;
import paperboy.catalog.CatalogStore;
import paperboy.catalog.Database;
import paperboy.config.Setting;
import paperboy.config.Settings;
import paperboy.community.Accounts;
import paperboy.community.CommunityStore;
import paperboy.community.SignIn;
import paperboy.community.Submissions;
import paperboy.daily.DailyPapers;
import paperboy.digest.DigestComposer;
import paperboy.digest.DigestRound;
import paperboy.digest.DigestScheduler;
import paperboy.digest.Outbox;
import paperboy.digest.SubscriptionDesk;
import paperboy.digest.Subscriptions;
import paperboy.mail.MailTransport;
import paperboy.mail.OutboxTransport;
import paperboy.mail.SmtpTransport;
import paperboy.trending.Trending;
import paperboy.web.Site;
import paperboy.web.WebServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code paperboy serve}: the site, the API and the scheduled arXiv harvest in one process. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Runs the site (daily/weekly/monthly papers, trending, search, paper pages, feeds),",
            "the JSON API, /healthz and /metrics and, unless --no-harvest,",
            "harvests arXiv: once at start (incremental from the last run), then daily at harvest.time",
            "(America/New_York, after arXiv's announcement). Without internet the site keeps serving;",
            "the harvester logs one line and retries later. Sends the email digests at digest.time in",
            "digest.zone, over SMTP (the --smtp-* flags) or as .eml files in DATA/outbox."})
public final class ServeCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @ParentCommand
    private Paperboy root;

    @Option(names = "--port", paramLabel = "N", description = "HTTP port (default 8080; env PAPERBOY_PORT; 0 = any free port).")
    private Integer port;

    @Option(names = "--host", paramLabel = "ADDR", defaultValue = "0.0.0.0",
            description = "Address to listen on. Default: ${DEFAULT-VALUE}.")
    private String host;

    @Option(names = "--no-harvest", description = "Do not harvest arXiv (env PAPERBOY_HARVEST_ENABLED=false).")
    private boolean noHarvest;

    @Mixin
    private MailOptions mailOptions;

    @Override
    public Integer call() throws Exception {
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        flags.putAll(mailOptions.flags());
        if (port != null) {
            flags.put(Setting.PORT, port.toString());
        }
        if (noHarvest) {
            flags.put(Setting.HARVEST, "false");
        }
        Settings settings = root.settings(flags);
        LOG.info("settings: data dir {}, catalog {}, harvest {} of {}", settings.dataDir().toAbsolutePath(),
                settings.embeddedCatalog() ? "embedded H2" : settings.dbUrlForLogs(),
                settings.harvestEnabled() ? "on" : "off", settings.categories());
        Database db = Catalog.open(settings);
        ArxivClients arxiv = new ArxivClients(settings, db);
        HarvestRunner harvest = HarvestRunner.forSettings(settings, arxiv);
        SearchRunner search = new SearchRunner(settings, db);
        CatalogStore catalog = new CatalogStore(db.dataSource());
        DailyPapers daily = new DailyPapers(db.dataSource(), catalog);
        MailTransport mail = settings.mail().smtpConfigured() ? new SmtpTransport(settings.mail())
                : new OutboxTransport(settings.dataDir().resolve("outbox"), settings.mail().from());
        LOG.info("mail: {}", mail.describe());
        Accounts accounts = new Accounts(db.dataSource());
        CommunityStore store = new CommunityStore(db.dataSource());
        Site.Community community = new Site.Community(accounts, store,
                new SignIn(accounts, mail, settings.adminEmail(), Clock.systemUTC()),
                new Submissions(catalog, store, arxiv.api::fetch, settings.submitDays(), Clock.systemUTC()));
        Trending trending = new Trending(daily, Clock.systemUTC());
        Subscriptions subscriptions = new Subscriptions(db.dataSource());
        Site.Digests digests = new Site.Digests(subscriptions, new SubscriptionDesk(subscriptions, mail, Clock.systemUTC()));
        String siteUrl = settings.siteUrl().isEmpty() ? "http://localhost:" + settings.port() : settings.siteUrl();
        DigestRound round = new DigestRound(subscriptions, new Outbox(db.dataSource()),
                new DigestComposer(catalog, daily, search.search()), mail, siteUrl, Clock.systemUTC(),
                Duration.ofMinutes(1), Duration.ofHours(1), Nodes.name())
                .withLease(settings.digestLease());
        DigestScheduler digestScheduler = new DigestScheduler(round, settings.digestTime(), settings.digestZone(), Clock.systemUTC(),
                () -> daily.latestAnnouncedDay().orElse(null));
        WebServer web = new WebServer(new Site(catalog, daily, trending,
                search.search(), harvest::status, community, digests, settings.siteUrl()));
        Runnable stop = () -> {
            digestScheduler.close();
            harvest.close();
            arxiv.close();
            web.close();
            search.close();
            db.close();
        };
        int actualPort;
        try {
            actualPort = web.start(host, settings.port());
        } catch (RuntimeException e) {
            stop.run();
            throw new IllegalStateException("cannot listen on " + host + ":" + settings.port(), e);
        }
        // SIGTERM / Ctrl-C: stop harvesting, finish requests, close the catalog cleanly.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping");
            stop.run();
        }, "shutdown"));
        LOG.info("Paperboy is serving on http://{}:{}/", host.equals("0.0.0.0") ? "localhost" : host, actualPort);
        harvest.start();
        search.start();
        digestScheduler.start();
        Thread.currentThread().join(); // until the JVM is asked to stop
        return 0;
    }
}
