package paperboy.search;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import paperboy.catalog.VectorStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embeds the papers that have no vector yet, newest first, and stores the vectors in the catalog
 * (which hands them to the index through the change sequence). Resumable by construction: what
 * is pending is read from the catalog each round. Run it from one thread; the model itself uses
 * the threads it was built with.
 */
public final class EmbeddingWorker {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddingWorker.class);
    /** Papers per round: large enough to sort by length well, small enough to store often. */
    static final int ROUND = 256;
    static final int BATCH = 16;

    private final VectorStore vectors;
    private final Embedder embedder;

    public EmbeddingWorker(VectorStore vectors, Embedder embedder) {
        this.vectors = vectors;
        this.embedder = embedder;
    }

    /** Embeds one round; returns how many papers got vectors (0 = nothing pending). */
    public int embedRound() {
        List<VectorStore.Pending> pending = vectors.pending(embedder.modelKey(), ROUND);
        if (pending.isEmpty()) {
            return 0;
        }
        List<float[]> computed = embedder.embedDocuments(pending.stream().map(VectorStore.Pending::text).toList(), BATCH);
        List<VectorStore.Vector> rows = new ArrayList<>(pending.size());
        for (int i = 0; i < pending.size(); i++) {
            rows.add(new VectorStore.Vector(pending.get(i).id(), pending.get(i).version(), computed.get(i)));
        }
        vectors.save(embedder.modelKey(), rows);
        return rows.size();
    }

    /** Embeds until nothing is pending or the thread is interrupted; returns papers embedded. */
    public long embedAll(LongConsumer progress) {
        long done = 0;
        int n;
        while (!Thread.currentThread().isInterrupted() && (n = embedRound()) > 0) {
            done += n;
            progress.accept(done);
        }
        return done;
    }

    /** Papers embedded with this worker's model, for progress displays. */
    public long embedded() {
        return vectors.embedded(embedder.modelKey());
    }

    static void logProgress(long done, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        LOG.info("embedding: {} papers ({}/s)", String.format("%,d", done), String.format("%.1f", done / seconds));
    }
}
