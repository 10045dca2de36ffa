package paperboy.cli;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import paperboy.catalog.Database;
import paperboy.catalog.VectorStore;
import paperboy.config.Settings;
import paperboy.search.Embedder;
import paperboy.search.EmbeddingModel;
import paperboy.search.EmbeddingWorker;
import paperboy.search.PaperSearch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The search side of {@code serve}: the index follows the catalog every few seconds (imports and
 * harvests become searchable without a restart), and embeddings are computed in the background
 * by a copy of the model that runs on one thread, so the site keeps a core for itself (queries
 * embed with the search's own copy).
 */
final class SearchRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SearchRunner.class);
    private static final long FOLLOW_EVERY_MS = 2000;
    private static final long IDLE_EMBED_WAIT_S = 30;

    private final PaperSearch search;
    private final EmbeddingWorker worker;
    private final Embedder embedder;
    private final ScheduledExecutorService threads = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "search-background");
        t.setDaemon(true);
        return t;
    });

    SearchRunner(Settings settings, Database db) {
        this.search = SearchIndexes.open(settings, db);
        EmbeddingModel model = SearchIndexes.model(settings);
        this.embedder = model == null ? null : new Embedder(model, 1);
        this.worker = model == null ? null : new EmbeddingWorker(new VectorStore(db.dataSource()), embedder);
    }

    PaperSearch search() {
        return search;
    }

    void start() {
        threads.scheduleWithFixedDelay(this::follow, 0, FOLLOW_EVERY_MS, TimeUnit.MILLISECONDS);
        if (worker != null) {
            threads.schedule(this::embed, 5, TimeUnit.SECONDS);
        }
    }

    private void follow() {
        try {
            long applied = search.catchUp(n -> { });
            if (applied > 100) {
                LOG.info("index: {} papers applied", String.format("%,d", applied));
            }
        } catch (RuntimeException e) {
            LOG.error("index: could not follow the catalog; trying again", e);
        }
    }

    private void embed() {
        long wait = IDLE_EMBED_WAIT_S;
        try {
            int done = worker.embedRound();
            if (done > 0) {
                wait = 0;
                LOG.debug("embedding: {} more papers", done);
            }
        } catch (RuntimeException e) {
            LOG.error("embedding failed; trying again in a minute", e);
            wait = 60;
        }
        if (!threads.isShutdown()) {
            threads.schedule(this::embed, wait, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() {
        threads.shutdownNow(); // the embedder stops between batches when interrupted
        boolean stopped;
        try {
            stopped = threads.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = false;
        }
        if (!stopped) {
            // Freeing the native model under a running batch would crash the JVM: leave it to the exit.
            LOG.warn("background embedding did not stop within 30 s; not closing the model");
            return;
        }
        if (worker != null) {
            worker.close();
        }
        if (embedder != null) {
            embedder.close();
        }
        search.close();
    }
}
