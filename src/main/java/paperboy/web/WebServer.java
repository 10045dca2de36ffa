package paperboy.web;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.router.Endpoint;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import paperboy.catalog.Paper;
import paperboy.common.AddressRanges;
import paperboy.common.Tokens;
import paperboy.daily.ListOrder;
import paperboy.daily.ListedPaper;
import paperboy.daily.Period;
import paperboy.search.SearchHit;

/**
 * The HTTP face of Paperboy: the pages, the JSON API, the feeds, sign-in and the members' and
 * curators' actions, digest subscriptions, /healthz and /metrics. Routes parse, call the domain and
 * render; errors become a 4xx with a message (HTML for pages, JSON for the API), never a stack
 * trace. Start once, close once.
 */
public final class WebServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
    private static final Logger ACCESS = LoggerFactory.getLogger("paperboy.access");

    /** Papers in a feed of a list or a search. */
    static final int FEED_ITEMS = 50;

    /**
     * A connection with nothing to say for this long is closed: a request or a body that stopped
     * coming, or a kept-alive connection the browser did not reuse.
     */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(20);

    /** Connections the kernel holds for the acceptor: nginx's default backlog. */
    static final int ACCEPT_QUEUE = 511;

    /**
     * Forms that never act as the signed-in reader (asking for a sign-in link, digests managed by
     * signed links): they need no session token, only to come from this site.
     */
    private static final Set<String> SESSIONLESS_FORMS =
            Set.of(
                    "/signin",
                    "/signin/verify",
                    "/subscribe",
                    "/digest/confirm",
                    "/digest/manage",
                    "/digest/stop",
                    "/digest/resume");

    /** Query parameters that carry secrets: the sign-in token and the digest links' signature. */
    private static final Set<String> SECRET_PARAMETERS = Set.of("token", "t");

    /**
     * RFC 8058 one-click unsubscribe: the mail provider POSTs the signed link from wherever it
     * likes. The signature is the protection, so the origin checks do not apply.
     */
    private static final String ONE_CLICK_UNSUBSCRIBE = "/digest/unsubscribe";

    /** Request attribute: the signed-in {@link Views.Viewer}, absent for anonymous readers. */
    private final Site site;

    private final Templates templates = new Templates();
    private final SitePages pages;
    private final PapersApi api;
    private final CommunityRoutes community;
    private final DigestRoutes digests;
    private final SettingsRoutes settings;
    private final CurationRoutes curation;
    private final PageCache cache;
    private final SearchLimits searchLimits;
    private final Metrics metrics;
    private final byte[] css = resource("/web/site.css");
    private final byte[] openApi = resource("/web/openapi.json");
    private final byte[] favicon = resource("/web/favicon.svg");
    private final AuthorPages authors;
    private final BibFiles bibFiles;
    private final AddressRanges trustedProxies;
    private final boolean sitePrivate;
    private final MemberRoutes members;
    private final LibraryRoutes library;
    private final ForYouRoutes forYou;
    private final MemberApi memberApi;
    private final CollectionRoutes collections;

    /** Servlets beside the routes (path spec to servlet): the MCP endpoint. */
    private final Map<String, HttpServlet> servlets = new LinkedHashMap<>();

    private @Nullable Javalin app; // null until start()

    /** How long a rendered page is reused by default. */
    public static final Duration PAGE_REUSE = PageCache.TTL;

    /**
     * The site of {@code site}, not yet listening: see {@link #start}.
     *
     * @param pageTtl how long a rendered page is reused ({@link java.time.Duration#ZERO} in tests
     *     that write)
     * @param searchesAtOnce searches (pages, API, feeds) one client may have running at once; 0 =
     *     no limit
     * @param searchesPerMinute searches one client may start a minute; 0 = no limit
     * @param trustedProxies the reverse proxies whose forwarded client and scheme are believed
     *     ({@link TrustedProxies})
     * @param sitePrivate whether only members may read ({@code site.private})
     * @param registry where the site's meters go; /metrics writes all of it
     */
    public WebServer(
            Site site,
            Duration pageTtl,
            int searchesAtOnce,
            int searchesPerMinute,
            AddressRanges trustedProxies,
            boolean sitePrivate,
            PrometheusMeterRegistry registry) {
        this.site = site;
        this.sitePrivate = sitePrivate;
        this.metrics = new Metrics(registry);
        metrics.watch(site);
        this.trustedProxies = trustedProxies;
        this.cache = new PageCache(Clock.systemUTC(), pageTtl);
        this.searchLimits = new SearchLimits(searchesAtOnce, searchesPerMinute);
        this.pages = new SitePages(site, templates, site.community().store());
        this.api = new PapersApi(site);
        this.community = new CommunityRoutes(site, templates, pages, site.baseUrl());
        this.digests = new DigestRoutes(site, templates, community);
        this.settings = new SettingsRoutes(site, templates);
        this.curation = new CurationRoutes(site, templates, community, pages);
        this.authors = new AuthorPages(site, templates);
        this.bibFiles = new BibFiles(site);
        this.members = new MemberRoutes(site, templates);
        this.library = new LibraryRoutes(site, templates, community);
        this.forYou = new ForYouRoutes(site, templates, community);
        this.memberApi = new MemberApi(site);
        this.collections = new CollectionRoutes(site, templates);
    }

    /**
     * Serves {@code servlet} at {@code pathSpec} (e.g. {@code /mcp/*}) beside the routes, with
     * async support (it may stream). Before {@link #start}. Its requests pass {@link BodiesFirst}
     * but not the routes' filters: it checks its own callers.
     */
    public void mount(String pathSpec, HttpServlet servlet) {
        servlets.put(pathSpec, servlet);
    }

    /**
     * Starts listening on {@code host}:{@code port} (0 = any free port); returns the port. The site
     * sends HSTS when its public address ({@link Site#baseUrl}) is https.
     */
    public int start(String host, int port) {
        SecurityHeaders headers = SecurityHeaders.forSite(site.baseUrl().get());
        Javalin started =
                Javalin.create(
                                config -> {
                                    config.startup.showJavalinBanner = false;
                                    config.jetty.addConnector(
                                            (server, http) -> {
                                                if (!trustedProxies.isEmpty()) {
                                                    http.addCustomizer(
                                                            new TrustedProxies(trustedProxies));
                                                }
                                                Connector connector =
                                                        connector(server, http, host, port);
                                                metrics.watch(connector);
                                                return connector;
                                            });
                                    config.jetty.modifyServer(
                                            server -> {
                                                metrics.watch(server);
                                                server.insertHandler(new BodiesFirst());
                                                server.setErrorHandler(new JettyErrors(headers));
                                            });
                                    config.jetty.modifyServletContextHandler(
                                            handler ->
                                                    servlets.forEach(
                                                            (path, servlet) -> {
                                                                ServletHolder holder =
                                                                        new ServletHolder(
                                                                                new LoggedServlet(
                                                                                        servlet,
                                                                                        path,
                                                                                        this
                                                                                                ::logRequest));
                                                                holder.setAsyncSupported(true);
                                                                handler.addServlet(holder, path);
                                                            }));
                                    config.http.generateEtags =
                                            false; // PageCache sets validators itself
                                    config.router.handlerWrapper(WebServer::carryingErrors);
                                    config.router.javaLangErrorHandler(
                                            (response, error) -> {
                                                LOG.error("A request failed: {}", oneLine(error));
                                                response.setStatus(500);
                                            });
                                    routes(config, headers);
                                    config.requestLogger.http(this::logRequest);
                                })
                        .start();
        app = started;
        return started.port();
    }

    private static Connector connector(
            Server server, HttpConfiguration http, String host, int port) {
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
        // The JDK's default backlog is 50: while the acceptor catches up with a burst of
        // connections (hundreds of readers at once, or of slow clients), the kernel drops further
        // SYNs and a new visitor waits a full second for the retry. nginx's default is 511.
        connector.setAcceptQueueSize(ACCEPT_QUEUE);
        return connector;
    }

    /**
     * A route's handler whose {@link Error}s (a renderer's StackOverflowError, say) reach the
     * exception mapper like its exceptions, so that they too get a page and one line in the log.
     */
    private static Handler carryingErrors(Endpoint endpoint) {
        Handler handler = endpoint.handler;
        return ctx -> {
            try {
                handler.handle(ctx);
            } catch (Exception e) {
                throw e;
            } catch (Throwable t) {
                throw new RouteError(t);
            }
        };
    }

    /** An {@link Error} thrown by a route, carried to the exception mapper. */
    private static final class RouteError extends RuntimeException {
        RouteError(Throwable error) {
            super(error.toString(), error, false, false);
        }
    }

    /** The class, the message and where it was thrown, on one line. */
    private static String oneLine(Throwable t) {
        StackTraceElement[] trace = t.getStackTrace();
        return trace.length == 0 ? t.toString() : t + " at " + trace[0];
    }

    /** The port the site listens on; 0 before {@link #start}. */
    public int port() {
        Javalin running = app;
        return running == null ? 0 : running.port();
    }

    private void routes(JavalinConfig config, SecurityHeaders headers) {
        var r = config.routes;
        r.before(
                ctx -> {
                    headers.applyTo(ctx::header);
                    community.resolveViewer(ctx);
                    if (Exchanges.viewer(ctx) != null) {
                        // Whatever is answered now shows the reader's name and form token, error
                        // pages included: for this reader only, never stored on the way.
                        ctx.header("Cache-Control", "private, no-store");
                    }
                    if (HandlerType.POST.equals(ctx.method())) {
                        refuseForgedPosts(ctx);
                    }
                    if (sitePrivate
                            && Exchanges.viewer(ctx) == null
                            && !openOnAPrivateSite(ctx.path())) {
                        keepOut(ctx);
                    }
                });
        r.get("/healthz", this::health);
        r.get("/metrics", this::metrics);
        r.get("/assets/site.css", ctx -> asset(ctx, css, "text/css; charset=utf-8"));
        r.get("/api/openapi.json", ctx -> asset(ctx, openApi, "application/json; charset=utf-8"));
        r.get("/favicon.svg", ctx -> asset(ctx, favicon, "image/svg+xml"));
        r.get("/favicon.ico", ctx -> ctx.redirect("/favicon.svg", HttpStatus.MOVED_PERMANENTLY));
        r.get("/api/papers/search", ctx -> searching(ctx, api::search));
        r.get("/api/daily_papers", api::daily);
        r.get("/api/papers/<id>", api::paper);
        r.get("/api/me/library", memberApi::libraryList);
        r.put("/api/me/library/<id>", memberApi::libraryAdd);
        r.delete("/api/me/library/<id>", memberApi::libraryRemove);
        r.get("/api/me/collections", memberApi::collections);
        r.get("/", ctx -> searchingIf(ctx, c -> page(c, pages::papers)));
        r.get("/papers", ctx -> searchingIf(ctx, c -> page(c, pages::papers)));
        r.get("/papers/trending", ctx -> page(ctx, pages::trending));
        r.get("/papers/trending/github", ctx -> page(ctx, pages::hotOnGitHub));
        r.get("/papers/trending/feed.atom", ctx -> feed(ctx, true, true));
        r.get("/papers/trending/feed.rss", ctx -> feed(ctx, false, true));
        r.get("/papers/feed.atom", ctx -> searchingIf(ctx, c -> feed(c, true, false)));
        r.get("/papers/feed.rss", ctx -> searchingIf(ctx, c -> feed(c, false, false)));
        r.get("/papers/at", pages::jump);
        r.get("/papers/date/{date}", ctx -> page(ctx, pages::day));
        r.get("/papers/week/{week}", ctx -> page(ctx, pages::week));
        r.get("/papers/month/{month}", ctx -> page(ctx, pages::month));
        r.get("/papers/date/{date}/feed.atom", ctx -> periodFeed(ctx, true, "date"));
        r.get("/papers/date/{date}/feed.rss", ctx -> periodFeed(ctx, false, "date"));
        r.get("/papers/week/{week}/feed.atom", ctx -> periodFeed(ctx, true, "week"));
        r.get("/papers/week/{week}/feed.rss", ctx -> periodFeed(ctx, false, "week"));
        r.get("/papers/month/{month}/feed.atom", ctx -> periodFeed(ctx, true, "month"));
        r.get("/papers/month/{month}/feed.rss", ctx -> periodFeed(ctx, false, "month"));
        // before /papers/<id>, whose <id> would take "2401.00001/hide/confirm" too
        r.get("/papers/<id>/hide/confirm", curation::confirmHidePaper);
        r.get("/papers/<id>.bib", ctx -> bibFiles.bib(ctx, cache));
        r.get("/papers/<id>", ctx -> pages.paper(ctx, cache));
        r.get("/authors/{name}", ctx -> page(ctx, authors::page));
        r.get("/authors/{name}/feed.atom", ctx -> cache.serve(ctx, () -> authors.feed(ctx, true)));
        r.get("/authors/{name}/feed.rss", ctx -> cache.serve(ctx, () -> authors.feed(ctx, false)));
        r.get("/subscribe", digests::subscribeForm);
        r.post("/subscribe", digests::subscribe);
        r.get("/digest/confirm", digests::confirmPage);
        r.post("/digest/confirm", digests::confirm);
        r.get("/digest/manage", digests::managePage);
        r.post("/digest/manage", digests::manage);
        r.get("/digest/unsubscribe", digests::unsubscribePage);
        r.post("/digest/unsubscribe", digests::unsubscribe);
        r.get("/me/delete", members::deletePage);
        r.post("/me/delete", members::delete);
        r.get("/account-deleted", members::deleted);
        r.get("/admin/members", members::list);
        r.post("/admin/members/{member}/suspend", ctx -> members.suspend(ctx, true));
        r.post("/admin/members/{member}/unsuspend", ctx -> members.suspend(ctx, false));
        r.get("/signin", community::signInForm);
        r.post("/signin", community::requestLink);
        r.get("/signin/verify", community::confirmLink);
        r.post("/signin/verify", community::followLink);
        r.post("/signout", community::signOut);
        r.post("/signout/everywhere", community::signOutEverywhere);
        r.get("/me", community::profile);
        r.post("/submit", community::submit);
        r.post("/papers/<id>/upvote", community::upvote);
        r.post("/papers/<id>/save", library::save);
        r.get("/library", library::page);
        r.get("/for-you", forYou::page);
        r.post("/for-you/<id>/not-for-me", forYou::notForMe);
        r.post("/for-you/<id>/undo", forYou::undo);
        r.get("/library.bib", library::bib);
        r.post("/library/import", library::importFile);
        // A page answered to a POST (an import's report, a refused edit) is where its cards' forms
        // send the reader back to: a GET of that address returns to the page it belongs to.
        r.get("/library/import", ctx -> ctx.redirect("/library", HttpStatus.SEE_OTHER));
        r.get(
                "/collections/{collection}/edit",
                ctx ->
                        ctx.redirect(
                                ctx.pathParam("collection").matches("\\d{1,18}")
                                        ? "/collections/" + ctx.pathParam("collection")
                                        : "/library",
                                HttpStatus.SEE_OTHER));
        r.post("/collections", collections::create);
        r.post("/collections/add", collections::add);
        r.get("/collections/{collection}", collections::page);
        r.get("/collections/{collection}/feed.atom", collections::feed);
        r.get("/collections/{collection}/export.bib", collections::bib);
        r.post("/collections/{collection}/edit", collections::edit);
        r.post("/collections/{collection}/delete", collections::delete);
        r.post("/collections/{collection}/feature", ctx -> collections.feature(ctx, true));
        r.post("/collections/{collection}/unfeature", ctx -> collections.feature(ctx, false));
        r.post("/collections/{collection}/papers/<paper>/up", ctx -> collections.change(ctx, "up"));
        r.post(
                "/collections/{collection}/papers/<paper>/down",
                ctx -> collections.change(ctx, "down"));
        r.post(
                "/collections/{collection}/papers/<paper>/remove",
                ctx -> collections.change(ctx, "remove"));
        r.post("/papers/<id>/comments", community::addComment);
        r.post("/papers/<id>/feature", community::feature);
        r.post("/papers/<id>/unfeature", community::unfeature);
        r.post("/papers/<id>/hide", community::hidePaper);
        r.post("/papers/<id>/unhide", community::unhidePaper);
        r.post("/comments/{comment}/edit", community::editComment);
        r.post("/comments/{comment}/delete", community::deleteComment);
        r.post("/comments/{comment}/hide", community::hideComment);
        r.get("/admin/audit", community::auditLog);
        r.get("/me/settings", settings::page);
        r.post("/me/settings", settings::save);
        r.post("/me/tokens", settings::issueToken);
        r.post("/me/tokens/{token}/revoke", settings::revokeToken);
        r.get("/comments/{comment}/hide/confirm", curation::confirmHideComment);
        r.get("/comments/{comment}/delete/confirm", curation::confirmDeleteComment);
        r.post("/comments/{comment}/unhide", curation::unhideComment);
        r.post("/digest/stop", digests::stop);
        r.post("/digest/resume", digests::resume);
        r.exception(
                Forbidden.class,
                (e, ctx) ->
                        problem(
                                ctx,
                                e.status(),
                                e.status() == 401 ? "Please sign in" : "Not allowed",
                                e.getMessage()));
        r.exception(
                BadRequest.class,
                (e, ctx) -> problem(ctx, 400, "That request cannot be answered", e.getMessage()));
        r.exception(
                NotFound.class,
                (e, ctx) -> problem(ctx, 404, "Not found", e.getMessage(), e.onwards()));
        r.exception(
                TooManyRequests.class,
                (e, ctx) -> {
                    ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
                    problem(ctx, 429, e.heading(), e.getMessage());
                });
        r.exception(Exception.class, this::failed);
        r.error(
                404,
                ctx -> {
                    if (!Exchanges.isExplained(
                            ctx)) { // not yet explained by a handler: no route matched
                        problem(ctx, 404, "Not found", "There is no page at " + ctx.path() + ".");
                    }
                });
        r.error(
                405,
                ctx ->
                        problem(
                                ctx,
                                405,
                                "Method not allowed",
                                ctx.method() + " is not supported here."));
    }

    /** A search, within its client's share ({@link SearchLimits}). */
    private void searching(Context ctx, Handler handler) throws Exception {
        SearchLimits.Permit permit = searchLimits.enter(ctx.ip());
        try {
            handler.handle(ctx);
        } finally {
            permit.release();
        }
    }

    /** {@link #searching} when the request asks for a search, else just the handler. */
    private void searchingIf(Context ctx, Handler handler) throws Exception {
        if (SitePages.isSearch(ctx)) {
            searching(ctx, handler);
        } else {
            handler.handle(ctx);
        }
    }

    /**
     * A request that failed: an {@link Error} is one line at ERROR that names it and where (a
     * StackOverflowError's trace is thousands of frames); any other exception is a bug, logged with
     * its stack trace. The reader gets the 500 page either way. (A client that goes away mid-body
     * never gets here: {@link BodiesFirst} reads bodies before the routes run.)
     */
    private void failed(Exception e, Context ctx) {
        if (e instanceof RouteError error) {
            LOG.error(
                    "{} {} failed: {}",
                    ctx.method(),
                    ctx.path(),
                    oneLine(Objects.requireNonNull(error.getCause())));
        } else {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
        }
        problem(
                ctx,
                500,
                "Something went wrong",
                "The error is logged on the server. Please try again later.");
    }

    private void page(Context ctx, Function<Context, String> render) {
        if (Exchanges.viewer(ctx) != null) {
            Exchanges.personal(ctx, render.apply(ctx));
        } else {
            cache.serve(ctx, () -> PageCache.Rendered.html(render.apply(ctx)));
        }
    }

    /** {@code scheme://host[:port]} of a URL (an Origin header has no path). */
    static String originOf(String url) {
        int slash = url.indexOf('/', url.indexOf("://") + 3);
        return slash < 0 ? url : url.substring(0, slash);
    }

    /**
     * Refuses a POST that another site made the browser send: a cross-site Origin or Fetch metadata
     * header is refused outright, and a signed-in reader's form must carry the session's CSRF
     * token. (Anonymous forms, such as asking for a sign-in link, have no session to abuse.) The
     * one exception is the signed one-click unsubscribe.
     */
    private void refuseForgedPosts(Context ctx) {
        if (ctx.path().equals(ONE_CLICK_UNSUBSCRIBE)) {
            return;
        }
        String fetchSite = ctx.header("Sec-Fetch-Site");
        if (fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none")) {
            throw new Forbidden(403, "This form was sent from another site, so it was refused.");
        }
        String origin = ctx.header("Origin");
        if (origin != null
                && !origin.equalsIgnoreCase(originOf(this.site.baseUrl().get()))
                && !origin.equalsIgnoreCase(ctx.scheme() + "://" + ctx.host())) {
            // "null" too: a sandboxed frame of another site sends that
            throw new Forbidden(
                    403,
                    "This form was sent from another site (" + origin + "), so it was refused.");
        }
        Views.Viewer viewer = Exchanges.viewer(ctx);
        if (viewer != null
                && !SESSIONLESS_FORMS.contains(ctx.path())
                && !Tokens.same(viewer.csrf(), ctx.formParam("csrf"))) {
            throw new Forbidden(
                    403,
                    "This form has expired or did not come from this site. Go back, reload the page"
                            + " and try again.");
        }
    }

    /**
     * What a private site ({@code site.private}) shows a reader who is not signed in: signing in
     * itself, the signed links of digest mail (they carry their own proof), the stylesheet and icon
     * of the sign-in page, and the operator's /healthz and /metrics (a load balancer and a metrics
     * scraper cannot sign in; they show counts, no paper or member).
     */
    private static boolean openOnAPrivateSite(String path) {
        return path.equals("/signin")
                || path.startsWith("/api/me/") // a token of its own, or a 401
                || path.equals("/signin/verify")
                || path.equals("/account-deleted")
                || path.equals("/healthz")
                || path.equals("/metrics")
                || path.startsWith("/assets/")
                || path.startsWith("/favicon.")
                || path.startsWith("/digest/");
    }

    /** A page asks to sign in and comes back after; the API and feeds answer 401. */
    private void keepOut(Context ctx) {
        String path = ctx.path();
        boolean page =
                HandlerType.GET.equals(ctx.method())
                        && !path.startsWith("/api/")
                        && !path.endsWith(".atom")
                        && !path.endsWith(".rss")
                        && !path.endsWith(".bib");
        if (page) {
            String back = path + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
            ctx.redirect(
                    "/signin?next=" + URLEncoder.encode(back, StandardCharsets.UTF_8),
                    HttpStatus.SEE_OTHER);
            ctx.skipRemainingHandlers();
            return;
        }
        throw new Forbidden(401, "This site is private: sign in to read it.");
    }

    private void problem(Context ctx, int status, String heading, @Nullable String message) {
        problem(ctx, status, heading, message, null);
    }

    private void problem(
            Context ctx,
            int status,
            String heading,
            @Nullable String message,
            Views.@Nullable Link onwards) {
        Exchanges.explained(ctx);
        if (ctx.path().startsWith("/api/")) {
            PapersApi.send(ctx, status, PapersApi.error(status, message));
        } else {
            ctx.status(status)
                    .contentType("text/html; charset=utf-8")
                    .result(pages.error(ctx, status, heading, message, onwards));
        }
    }

    /**
     * The feed of one day, week or month ({@code kind} names the path parameter): the papers its
     * page shows first, in the page's order; its id and self link are the period's canonical feed
     * address, whichever spelling of the period was asked for.
     */
    private void periodFeed(Context ctx, boolean atom, String kind) {
        Period period =
                Params.parsed(
                        () ->
                                switch (kind) {
                                    case "date" -> Period.Day.parse(ctx.pathParam("date"));
                                    case "week" -> Period.Week.parse(ctx.pathParam("week"));
                                    default -> Period.Month.parse(ctx.pathParam("month"));
                                });
        cache.serve(
                ctx,
                () -> {
                    String base = site.baseUrl().get();
                    List<Paper> papers =
                            site
                                    .daily()
                                    .list(period, ListOrder.CURATED_FIRST, null, 0, FEED_ITEMS)
                                    .papers()
                                    .stream()
                                    .map(ListedPaper::paper)
                                    .toList();
                    String title = SitePages.heading(period);
                    FeedWriter.Channel channel =
                            new FeedWriter.Channel(
                                    title + " · Paperboy",
                                    "arXiv papers from Paperboy: " + title,
                                    base + period.path() + "/feed." + (atom ? "atom" : "rss"),
                                    base + period.path(),
                                    base);
                    return FeedWriter.rendered(atom, channel, papers);
                });
    }

    private void feed(Context ctx, boolean atom, boolean trending) {
        cache.serve(
                ctx,
                () -> {
                    String base = site.baseUrl().get();
                    List<Paper> papers;
                    String title;
                    String pagePath;
                    if (trending) {
                        papers =
                                site.trending().top(0, FEED_ITEMS).stream()
                                        .map(ListedPaper::paper)
                                        .toList();
                        title = "Trending papers";
                        pagePath = "/papers/trending";
                    } else if (SitePages.isSearch(ctx)) {
                        SitePages.SearchForm form = SitePages.SearchForm.of(ctx);
                        List<String> ids =
                                form.hits(site.search(), 0, FEED_ITEMS).stream()
                                        .map(SearchHit::id)
                                        .toList();
                        Map<String, Paper> found = site.catalog().findAll(ids);
                        papers = ids.stream().map(found::get).filter(Objects::nonNull).toList();
                        title = "Papers matching “" + form.text() + "”";
                        pagePath = form.url("/papers", Map.of());
                    } else {
                        Optional<Period> day = site.daily().latestDay().map(Period.Day::new);
                        papers =
                                day.map(
                                                d ->
                                                        site
                                                                .daily()
                                                                .list(
                                                                        d,
                                                                        ListOrder.CURATED_FIRST,
                                                                        null,
                                                                        0,
                                                                        FEED_ITEMS)
                                                                .papers()
                                                                .stream()
                                                                .map(ListedPaper::paper)
                                                                .toList())
                                        .orElse(List.of());
                        title = "Daily papers" + day.map(d -> ": " + Dates.period(d)).orElse("");
                        pagePath = "/papers";
                    }
                    String self =
                            base
                                    + ctx.path()
                                    + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
                    FeedWriter.Channel channel =
                            new FeedWriter.Channel(
                                    title + " · Paperboy",
                                    "arXiv papers from Paperboy: " + title,
                                    self,
                                    base + pagePath,
                                    base);
                    return FeedWriter.rendered(atom, channel, papers);
                });
    }

    private void health(Context ctx) {
        try {
            Map<String, Object> body = new LinkedHashMap<>();
            Duration behind = site.background().indexBehind().get();
            boolean lagging = behind.compareTo(site.background().maxIndexLag()) > 0;
            body.put("status", lagging ? "lagging" : "ok");
            body.put("papers", site.catalog().count());
            body.put("indexed", site.search().documents());
            body.put(
                    "index_lag_changes",
                    Math.max(0, site.catalog().lastChange() - site.search().indexedSeq()));
            body.put("index_lag_seconds", behind.toSeconds());
            body.put("embedded", site.embedding().coverage().embedded());
            body.put("embedding", site.embedding().state().label());
            body.put("harvest", site.background().harvest().get());
            body.put("last_harvest", iso(site.background().lastHarvest().get()));
            body.put("last_digest_round", iso(site.background().lastDigestRound().get()));
            body.put("leases", site.background().leasesHeld().get());
            // 503 takes a lagging node out of a load balancer's rotation until it catches up
            PapersApi.send(ctx, lagging ? 503 : 200, body);
        } catch (RuntimeException e) {
            LOG.warn("health check: catalog unavailable", e);
            PapersApi.send(
                    ctx, 503, Map.of("status", "unavailable", "error", "catalog unavailable"));
        }
    }

    private static @Nullable String iso(Optional<Instant> when) {
        return when.map(Instant::toString).orElse(null);
    }

    private void metrics(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    }

    private static void asset(Context ctx, byte[] body, String contentType) {
        ctx.header("Cache-Control", "public, max-age=3600");
        ctx.contentType(contentType).result(body);
    }

    private void logRequest(Context ctx, Float ms) {
        String route;
        try {
            route = ctx.endpoint().path;
        } catch (RuntimeException e) {
            route = "unmatched";
        }
        logRequest(
                new LoggedServlet.Done(
                        ctx.ip(),
                        ctx.method().name(),
                        ctx.path(),
                        ctx.queryString(),
                        route,
                        ctx.statusCode(),
                        ms));
    }

    /** One answered request into the access log and the request metrics. */
    private void logRequest(LoggedServlet.Done r) {
        metrics.record(r.method(), r.route(), r.status(), r.millis() / 1000.0);
        if (ACCESS.isInfoEnabled()) {
            ACCESS.info(
                    "{} {} {}{} {} {}ms",
                    r.client(),
                    r.method(),
                    r.path(),
                    r.query() == null ? "" : "?" + withoutSecrets(r.query()),
                    r.status(),
                    String.format("%.1f", r.millis()));
        }
    }

    /**
     * Sign-in tokens and signed digest links are as good as a password until used: never logged.
     * Names are compared as the site reads them, decoded ({@code %74oken} is {@code token}); a name
     * that cannot be decoded has its value left out too.
     */
    static String withoutSecrets(String queryString) {
        return Arrays.stream(queryString.split("&", -1))
                .map(WebServer::withoutSecret)
                .collect(Collectors.joining("&"));
    }

    private static String withoutSecret(String parameter) {
        int equals = parameter.indexOf('=');
        if (equals < 0) {
            return parameter;
        }
        String name = parameter.substring(0, equals);
        boolean secret;
        try {
            secret = SECRET_PARAMETERS.contains(URLDecoder.decode(name, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            secret = true;
        }
        return secret ? name + "=…" : parameter;
    }

    private static byte[] resource(String name) {
        try (InputStream in = WebServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (app != null) {
            app.stop();
        }
    }
}
