package paperboy.app;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.function.Supplier;
import paperboy.catalog.Database;

/**
 * The process's meters, which /metrics writes in Prometheus's text format: the JVM (memory, GC,
 * threads, classes), the machine as the process sees it (CPU, open files, uptime), the catalog's
 * connection pool and the digest outbox. The site adds its own meters to the same registry
 * (requests, Jetty, the index, and when the harvest and the digest round last succeeded).
 */
final class Monitoring implements AutoCloseable {
    private final PrometheusMeterRegistry registry =
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics(); // listens to GC events until closed

    Monitoring(Database database) {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        database.monitor(registry);
    }

    PrometheusMeterRegistry registry() {
        return registry;
    }

    /** One gauge per status of {@code counts}' keys, read at each scrape. */
    void counts(
            String name,
            String help,
            Iterable<String> statuses,
            Supplier<Map<String, Long>> counts) {
        for (String status : statuses) {
            Gauge.builder(name, counts, c -> c.get().getOrDefault(status, 0L))
                    .description(help)
                    .tag("status", status)
                    .strongReference(true)
                    .register(registry);
        }
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
