package paperboy.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import paperboy.catalog.VectorStore;

/**
 * Embeds the papers that have no vector yet, newest first, and stores the vectors in the catalog
 * (which hands them to the index through the change sequence). Resumable by construction: what is
 * pending is read from the catalog each round. With several single-threaded copies of the model,
 * each embeds a share of a round in parallel: on 2 cores that is ~9% faster than one copy on 2
 * threads (27.7 against 25.6 arXiv papers/s). Call it from one thread; close it once.
 */
public final class EmbeddingWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddingWorker.class);

    /** Papers per round: large enough to sort by length well, small enough to store often. */
    static final int ROUND = 256;

    static final int BATCH = 16;

    private final VectorStore vectors;
    private final List<Embedder> embedders;
    private final ExecutorService pool;

    /**
     * @param embedders copies of one model (same key), each used by one thread
     */
    public EmbeddingWorker(VectorStore vectors, List<Embedder> embedders) {
        if (embedders.isEmpty()
                || embedders.stream().map(Embedder::modelKey).distinct().count() != 1) {
            throw new IllegalArgumentException(
                    "an embedding worker needs one or more copies of one model");
        }
        this.vectors = vectors;
        this.embedders = List.copyOf(embedders);
        this.pool =
                Executors.newFixedThreadPool(
                        embedders.size(),
                        r -> {
                            Thread t = new Thread(r, "embedding");
                            t.setDaemon(true);
                            return t;
                        });
    }

    public EmbeddingWorker(VectorStore vectors, Embedder embedder) {
        this(vectors, List.of(embedder));
    }

    private String modelKey() {
        return embedders.getFirst().modelKey();
    }

    /** Embeds one round; returns how many papers got vectors (0 = nothing pending). */
    public int embedRound() {
        int copies = embedders.size();
        List<VectorStore.Pending> pending = vectors.pending(modelKey(), ROUND * copies);
        if (pending.isEmpty()) {
            return 0;
        }
        // Deal the texts out by length, so every copy gets a similar amount of work.
        List<Integer> byLength = new ArrayList<>();
        for (int i = 0; i < pending.size(); i++) {
            byLength.add(i);
        }
        byLength.sort(Comparator.comparingInt(i -> pending.get(i).text().length()));
        List<List<Integer>> shares = new ArrayList<>();
        for (int c = 0; c < copies; c++) {
            shares.add(new ArrayList<>());
        }
        for (int k = 0; k < byLength.size(); k++) {
            shares.get(k % copies).add(byLength.get(k));
        }
        List<Future<List<float[]>>> futures = new ArrayList<>();
        for (int c = 0; c < copies; c++) {
            Embedder embedder = embedders.get(c);
            List<String> texts = shares.get(c).stream().map(i -> pending.get(i).text()).toList();
            futures.add(pool.submit(() -> embedder.embedDocuments(texts, BATCH)));
        }
        float[][] computed = new float[pending.size()][];
        for (int c = 0; c < copies; c++) {
            List<float[]> share = await(futures.get(c));
            for (int k = 0; k < share.size(); k++) {
                computed[shares.get(c).get(k)] = share.get(k);
            }
        }
        List<VectorStore.Vector> rows = new ArrayList<>(pending.size());
        for (int i = 0; i < pending.size(); i++) {
            rows.add(
                    new VectorStore.Vector(
                            pending.get(i).id(), pending.get(i).version(), computed[i]));
        }
        vectors.save(modelKey(), rows);
        return rows.size();
    }

    private static List<float[]> await(Future<List<float[]>> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new IllegalStateException("embedding interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r
                    ? r
                    : new IllegalStateException(e.getCause());
        }
    }

    /**
     * Stops the embedding threads (interrupting a batch between two model runs) and waits for them.
     */
    @Override
    public void close() {
        pool.shutdownNow();
        // Wait even when interrupted: the model is freed next, and freeing it under a thread still
        // in its native code crashes the JVM.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        boolean interrupted = false;
        while (!pool.isTerminated() && System.nanoTime() < deadline) {
            try {
                pool.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (!pool.isTerminated()) {
            LOG.warn("embedding threads did not stop within 60 s");
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Embeds until nothing is pending or the thread is interrupted; returns papers embedded. */
    public long embedAll(LongConsumer progress) {
        return embedAll(progress, () -> false);
    }

    /**
     * Embeds until nothing is pending, the thread is interrupted or {@code stop} says so (checked
     * between rounds); returns papers embedded.
     */
    public long embedAll(LongConsumer progress, BooleanSupplier stop) {
        long done = 0;
        int n;
        while (!Thread.currentThread().isInterrupted()
                && !stop.getAsBoolean()
                && (n = embedRound()) > 0) {
            done += n;
            progress.accept(done);
        }
        return done;
    }

    /** Papers embedded with this worker's model, for progress displays. */
    public long embedded() {
        return vectors.embedded(modelKey());
    }
}
