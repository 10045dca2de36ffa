package paperboy.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.function.Supplier;
import paperboy.catalog.CatalogStats;
import paperboy.catalog.CatalogStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of Paperboy. For now: {@code /healthz} and a placeholder home page that says what
 * the catalog holds; the site itself arrives with its own issue. Start once, close once.
 */
public final class WebServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);

    private final CatalogStore catalog;
    private final Supplier<String> harvestStatus;
    private Javalin app;

    /**
     * @param harvestStatus one line on the harvester's state, shown on the home page and in /healthz
     */
    public WebServer(CatalogStore catalog, Supplier<String> harvestStatus) {
        this.catalog = catalog;
        this.harvestStatus = harvestStatus;
    }

    /** Starts listening on {@code host}:{@code port} (0 = any free port); returns the port. */
    public int start(String host, int port) {
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = host;
            config.jetty.port = port;
            config.routes.get("/healthz", this::health);
            config.routes.get("/", this::home);
            config.routes.get("/papers", this::home);
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                ctx.status(500).contentType("text/plain; charset=utf-8").result("Internal error; see the server log.");
            });
        }).start();
        return app.port();
    }

    private void health(Context ctx) {
        try {
            long papers = catalog.count();
            ctx.contentType("application/json").result("{\"status\":\"ok\",\"papers\":" + papers
                    + ",\"harvest\":\"" + Html.jsonEscape(harvestStatus.get()) + "\"}");
        } catch (RuntimeException e) {
            LOG.warn("health check: catalog unavailable", e);
            ctx.status(503).contentType("application/json")
                    .result("{\"status\":\"unavailable\",\"error\":\"catalog unavailable\"}");
        }
    }

    private void home(Context ctx) {
        CatalogStats stats = catalog.stats();
        String range = stats.papers() == 0 ? "The catalog is empty: import a dump or let the harvester run."
                : String.format("%,d papers announced %s to %s, %,d with code.", stats.papers(),
                        stats.firstAnnounced(), stats.lastAnnounced(), stats.papersWithCode());
        ctx.contentType("text/html; charset=utf-8").result("""
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Paperboy</title>
                <style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem}
                @media (prefers-color-scheme: dark){body{background:#111;color:#eee}}</style></head>
                <body><main><h1>Paperboy</h1>
                <p>%s</p>
                <p>Harvest: %s</p>
                <p>The daily papers, search and paper pages are on their way.</p>
                </main></body></html>
                """.formatted(Html.escape(range), Html.escape(harvestStatus.get())));
    }

    @Override
    public void close() {
        if (app != null) {
            app.stop();
        }
    }
}
