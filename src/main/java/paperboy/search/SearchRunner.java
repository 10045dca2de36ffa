package paperboy.search;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import paperboy.catalog.CatalogException;
import paperboy.catalog.VectorStore;
import paperboy.common.Background;

/**
 * The search side of {@code serve}: the index follows the catalog every few seconds (imports and
 * harvests become searchable without a restart), and embeddings are computed in the background by a
 * copy of the model that runs on one thread, so the site keeps a core for itself (queries embed
 * with the search's own copy). The search itself belongs to the caller, who closes it after this.
 */
public final class SearchRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SearchRunner.class);

    /** How often the index looks for new catalog changes. */
    public static final Duration FOLLOW_EVERY = Duration.ofSeconds(2);

    /** How long embedding waits when nothing was left to embed. */
    static final Duration IDLE_EMBED_WAIT = Duration.ofSeconds(30);

    /** How long embedding waits after a failure. */
    static final Duration RETRY_EMBED_WAIT = Duration.ofMinutes(1);

    private final PaperSearch search;
    private final @Nullable EmbeddingWorker worker;
    private final @Nullable Embedder embedder;
    private final @Nullable EmbeddingWorker quickWorker;
    private final @Nullable Embedder quickEmbedder;

    /**
     * The index follower writes the Lucene index, so its stop lets the round end (after the batch
     * in progress) rather than interrupt it mid write (see {@link Background#uninterrupted}).
     */
    private final Background follower = Background.uninterrupted("index-follower", 1);

    /** The embedding is interrupted at stop: a batch not stored is simply done again later. */
    private final Background embedding = new Background("embedding", 1);

    private final LongSupplier catalogHead;
    private final Clock clock;

    /**
     * Since when the index has not held the catalog's newest change (null while it does): set by
     * the follower when a round starts behind, cleared when one ends having applied what it saw. A
     * follower that fails round after round leaves it set, so the lag grows and /healthz says so.
     */
    private volatile @Nullable Instant behindSince;

    /**
     * Wires the runner; nothing runs before {@link #start}.
     *
     * @param model the model to embed with, or {@code null}: then the runner only follows the
     *     catalog
     * @param firstPassThreads threads of the first pass (see {@link EmbeddingModel#firstPass}): it
     *     gives every paper a vector within minutes, so it may take the cores the full pass leaves
     *     to the site
     * @param node this process's name in the embedding leases
     * @param lease how long its claim on a batch holds ({@code embed.lease})
     * @param catalogHead the catalog's newest change ({@link
     *     paperboy.catalog.CatalogStore#lastChange})
     */
    public SearchRunner(
            PaperSearch search,
            @Nullable EmbeddingModel model,
            VectorStore vectors,
            int firstPassThreads,
            LongSupplier catalogHead,
            Clock clock,
            String node,
            Duration lease) {
        this.search = search;
        this.catalogHead = catalogHead;
        this.clock = clock;
        EmbeddingModel quickModel = model == null ? null : model.firstPass();
        Embedder copy = model == null ? null : new Embedder(model, 1);
        Embedder quickCopy = null;
        try {
            quickCopy = quickModel == null ? null : new Embedder(quickModel, firstPassThreads);
        } catch (RuntimeException e) {
            if (copy != null) {
                copy.close();
            }
            throw e;
        }
        this.embedder = copy;
        this.quickEmbedder = quickCopy;
        // leased: other nodes and embed workers on the catalog take other papers
        this.worker =
                copy == null
                        ? null
                        : EmbeddingWorker.replacing(
                                        vectors, copy, quickModel == null ? null : quickModel.key())
                                .leasedAs(node, lease);
        this.quickWorker =
                quickCopy == null || model == null
                        ? null
                        : EmbeddingWorker.firstPass(vectors, quickCopy, model.key())
                                .leasedAs(node, lease);
    }

    public void start() {
        follower.repeat(Duration.ZERO, FOLLOW_EVERY, this::followOnce);
        EmbeddingWorker full = worker;
        Embedder model = embedder;
        if (full != null && model != null) {
            LOG.info(
                    "embedding: papers without a vector are embedded in the background with {}",
                    model.modelKey());
            embedding.after(Duration.ofSeconds(5), () -> embed(full));
        }
    }

    /**
     * One round of the index follower, as {@link #start} repeats it every {@link #FOLLOW_EVERY}.
     */
    public void followOnce() {
        try {
            long head = catalogHead.getAsLong();
            if (search.indexedSeq() < head && behindSince == null) {
                behindSince = clock.instant(); // a long catch-up (a new node) counts as lag
            }
            long applied = search.catchUp(n -> {}, follower::stopping);
            if (search.indexedSeq() >= head) {
                behindSince = null;
            }
            if (applied >= 5000) { // a harvest or import; not every round of the embedding passes
                LOG.info("index: {} papers applied", String.format("%,d", applied));
            }
        } catch (RuntimeException e) {
            if (!follower.stopping()) {
                LOG.error("index: could not follow the catalog; trying again", e);
            }
        }
    }

    private void embed(EmbeddingWorker full) {
        Duration wait = IDLE_EMBED_WAIT;
        try {
            // Every paper gets a quick vector first, then its full one (README, "Search quality").
            EmbeddingWorker quick = quickWorker;
            EmbeddingWorker working = full;
            int done = 0;
            if (quick != null) {
                working = quick;
                done = quick.embedRound();
            }
            if (done == 0) {
                working = full;
                done = full.embedRound();
            }
            if (done > 0) {
                wait = Duration.ZERO;
                // One line a round (128 papers a model copy): an operator follows the progress,
                // and each node's lines add up to what it embedded (ThreeNodesIT counts them).
                LOG.info("embedding: stored {} {} vectors", done, working.modelKey());
            }
        } catch (RuntimeException e) {
            if (embedding.stopping() || CatalogException.closedByShutdown(e)) {
                // nothing lost: the batch was not stored
                LOG.debug("embedding stopped mid-batch by the shutdown", e);
                return;
            }
            LOG.error("embedding failed; trying again in {} s", RETRY_EMBED_WAIT.toSeconds(), e);
            wait = RETRY_EMBED_WAIT;
        }
        embedding.after(wait, () -> embed(full));
    }

    /**
     * True while the background embedding works through pending papers (see {@link
     * EmbeddingWorker#working}); false while it waits for new papers, before its first round, after
     * a failure and without a model.
     */
    public boolean embedding() {
        EmbeddingWorker full = worker;
        EmbeddingWorker quick = quickWorker;
        return (quick != null && quick.working()) || (full != null && full.working());
    }

    /**
     * How long the index has been behind the catalog: zero while it holds every change the follower
     * last saw (a change made since is at most {@link #FOLLOW_EVERY} old).
     */
    public Duration behind() {
        Instant since = behindSince;
        return since == null ? Duration.ZERO : Duration.between(since, clock.instant());
    }

    @Override
    public void close() {
        // the follower ends after the batch it is committing (at most seconds), and logs if not
        follower.stop();
        if (!embedding.stop()) {
            // Freeing the native model under a running batch would crash the JVM: leave it to the
            // exit.
            LOG.warn("background embedding did not stop in time; not closing the model");
            return;
        }
        if (quickWorker != null) {
            quickWorker.close();
        }
        if (worker != null) {
            worker.close();
        }
        if (quickEmbedder != null) {
            quickEmbedder.close();
        }
        if (embedder != null) {
            embedder.close();
        }
    }
}
