package paperboy.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jetty.JettyConnectionMetrics;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import paperboy.search.EmbeddingStatus;

/**
 * The site's meters in the process's Micrometer registry, which /metrics writes in Prometheus's
 * text format: requests and their latency per route, Jetty's thread pool and connections, and the
 * catalog, index and embedding gauges. The registry also holds what the rest of the process binds
 * (JVM, GC, threads, the connection pool, harvest and digests: {@code paperboy.app.Monitoring}).
 * Recording a request is two map lookups and lock-free additions.
 */
final class Metrics {
    /** Latency histogram bounds, as the hand-written exposition had them. */
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(1),
        Duration.ofNanos(2_500_000),
        Duration.ofMillis(5),
        Duration.ofMillis(10),
        Duration.ofMillis(25),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofMillis(2_500)
    };

    private static final java.util.Set<String> METHODS =
            java.util.Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH");

    private final PrometheusMeterRegistry registry;
    private final Map<String, Counter> requests = new ConcurrentHashMap<>();
    private final Map<String, Timer> latency = new ConcurrentHashMap<>();

    Metrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    /** The gauges of what the site shows: read at each scrape. */
    void watch(Site site) {
        gauge("paperboy.catalog.papers", "Papers in the catalog.", site, s -> s.catalog().count());
        gauge(
                "paperboy.index.documents",
                "Papers in the search index.",
                site,
                s -> s.search().documents());
        gauge(
                "paperboy.index.change.seq",
                "Catalog change the search index has reached.",
                site,
                s -> s.search().indexedSeq());
        gauge(
                "paperboy.index.lag.changes",
                "Catalog changes not yet in this node's search index (0 when it is current).",
                site,
                s -> Math.max(0, s.catalog().lastChange() - s.search().indexedSeq()));
        Gauge.builder(
                        "paperboy.index.lag",
                        site,
                        s -> s.background().indexBehind().get().toMillis() / 1000.0)
                .description(
                        "How long this node's search index has been behind the catalog (0 when"
                                + " current).")
                .baseUnit("seconds")
                .strongReference(true)
                .register(registry);
        gauge(
                "paperboy.papers.embedded",
                "Papers in the search index with a vector: those meaning-based search can find.",
                site,
                s -> s.embedding().coverage().embedded());
        gauge(
                "paperboy.embedding.running",
                "1 while background embedding works through papers without a vector, else 0.",
                site,
                s -> s.embedding().state() == EmbeddingStatus.State.RUNNING ? 1 : 0);
        Gauge.builder(
                        "paperboy.harvest.last.success.timestamp",
                        site,
                        s -> epochSeconds(s.background().lastHarvest().get()))
                .description(
                        "When the last harvest round ended well, in seconds since the epoch; NaN"
                                + " before the first of this process or with harvesting off.")
                .baseUnit("seconds")
                .strongReference(true)
                .register(registry);
        Gauge.builder(
                        "paperboy.digest.last.round.timestamp",
                        site,
                        s -> epochSeconds(s.background().lastDigestRound().get()))
                .description(
                        "When the last digest round (compose what is due, deliver the outbox)"
                                + " ended without an error, in seconds since the epoch; NaN before"
                                + " the first of this process.")
                .baseUnit("seconds")
                .strongReference(true)
                .register(registry);
    }

    /**
     * Seconds since the epoch of when something last succeeded (Prometheus's convention for times:
     * alert on {@code time() - it}); NaN before it first has.
     */
    private static double epochSeconds(Optional<Instant> when) {
        return when.map(t -> t.toEpochMilli() / 1000.0).orElse(Double.NaN);
    }

    private void gauge(String name, String help, Site site, ToDoubleFunction<Site> value) {
        Gauge.builder(name, site, value).description(help).strongReference(true).register(registry);
    }

    /** Jetty's thread pool (busy, idle, queued jobs) and the server's connections. */
    void watch(Server server) {
        new JettyServerThreadPoolMetrics(server.getThreadPool(), List.of()).bindTo(registry);
    }

    /** Opened and closed connections, bytes and messages of {@code connector}. */
    void watch(Connector connector) {
        connector.addBean(new JettyConnectionMetrics(registry, connector));
    }

    void record(String requestMethod, String route, int status, double seconds) {
        // a client chooses the method: anything unusual is one label, or each new word would be
        // a new series kept for ever
        String method = METHODS.contains(requestMethod) ? requestMethod : "OTHER";
        requests.computeIfAbsent(
                        method + "\u0000" + route + "\u0000" + status,
                        k ->
                                Counter.builder("paperboy.http.requests")
                                        .description(
                                                "HTTP requests answered, by method, route and"
                                                        + " status.")
                                        .tags(
                                                "method",
                                                method,
                                                "route",
                                                route,
                                                "status",
                                                Integer.toString(status))
                                        .register(registry))
                .increment();
        latency.computeIfAbsent(
                        route,
                        k ->
                                Timer.builder("paperboy.http.request.duration")
                                        .description("Time to answer a request, by route.")
                                        .tag("route", route)
                                        .serviceLevelObjectives(BUCKETS)
                                        .register(registry))
                .record((long) (seconds * 1e9), TimeUnit.NANOSECONDS);
    }

    /** Everything in the registry, in Prometheus's text format (version 0.0.4). */
    String scrape() {
        return registry.scrape();
    }
}
