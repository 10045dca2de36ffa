package paperboy.web;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Request counters and latency histograms per route, written in the Prometheus text format (version
 * 0.0.4) with a few gauges of the catalog and the index. Thread-safe; recording is a few lock-free
 * additions.
 */
final class Metrics {
    /** Histogram bucket bounds in seconds. */
    private static final double[] BUCKETS = {
        0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5
    };

    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, Histogram> latency = new ConcurrentHashMap<>();

    private static final class Histogram {
        final LongAdder[] counts = new LongAdder[BUCKETS.length];
        final LongAdder total = new LongAdder();
        final DoubleAdder sum = new DoubleAdder();

        Histogram() {
            for (int i = 0; i < counts.length; i++) {
                counts[i] = new LongAdder();
            }
        }
    }

    void record(String method, String route, int status, double seconds) {
        requests.computeIfAbsent(
                        method + "\u0000" + route + "\u0000" + status, k -> new LongAdder())
                .increment();
        Histogram h = latency.computeIfAbsent(route, k -> new Histogram());
        for (int i = 0; i < BUCKETS.length; i++) {
            if (seconds <= BUCKETS[i]) {
                h.counts[i].increment();
            }
        }
        h.total.increment();
        h.sum.add(seconds);
    }

    /** The exposition text, with {@code gauges} (name to value, each with its help line). */
    String render(Map<String, Gauge> gauges) {
        StringBuilder out = new StringBuilder(4096);
        out.append(
                "# HELP paperboy_http_requests_total HTTP requests answered, by method, route and"
                        + " status.\n");
        out.append("# TYPE paperboy_http_requests_total counter\n");
        new TreeMap<>(requests)
                .forEach(
                        (key, n) -> {
                            String[] parts = key.split("\u0000", 3);
                            out.append("paperboy_http_requests_total{method=\"")
                                    .append(parts[0])
                                    .append("\",route=\"")
                                    .append(label(parts[1]))
                                    .append("\",status=\"")
                                    .append(parts[2])
                                    .append("\"} ")
                                    .append(n.sum())
                                    .append('\n');
                        });
        out.append(
                "# HELP paperboy_http_request_duration_seconds Time to answer a request, by"
                        + " route.\n");
        out.append("# TYPE paperboy_http_request_duration_seconds histogram\n");
        new TreeMap<>(latency)
                .forEach(
                        (route, h) -> {
                            String r = label(route);
                            for (int i = 0; i < BUCKETS.length; i++) {
                                out.append("paperboy_http_request_duration_seconds_bucket{route=\"")
                                        .append(r)
                                        .append("\",le=\"")
                                        .append(BUCKETS[i])
                                        .append("\"} ")
                                        .append(h.counts[i].sum())
                                        .append('\n');
                            }
                            out.append("paperboy_http_request_duration_seconds_bucket{route=\"")
                                    .append(r)
                                    .append("\",le=\"+Inf\"} ")
                                    .append(h.total.sum())
                                    .append('\n');
                            out.append("paperboy_http_request_duration_seconds_sum{route=\"")
                                    .append(r)
                                    .append("\"} ")
                                    .append(String.format(Locale.ROOT, "%.6f", h.sum.sum()))
                                    .append('\n');
                            out.append("paperboy_http_request_duration_seconds_count{route=\"")
                                    .append(r)
                                    .append("\"} ")
                                    .append(h.total.sum())
                                    .append('\n');
                        });
        gauges.forEach(
                (name, g) -> {
                    out.append("# HELP ").append(name).append(' ').append(g.help()).append('\n');
                    out.append("# TYPE ").append(name).append(" gauge\n");
                    out.append(name).append(' ').append(g.value()).append('\n');
                });
        return out.toString();
    }

    /** A gauge's value and help text. */
    record Gauge(String help, long value) {}

    private static String label(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
