package paperboy.search;

import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * How far meaning-based search reaches in this process, for /healthz, /metrics and the search page:
 * the papers of the index that have a vector, and whether background embedding is working. The
 * counts come from the index: on the 93,656-paper index with 36,864 vectors that takes 0.2-0.6 ms
 * warm, where the catalog's count of current vectors (the one {@code stats} prints) reads every
 * stored vector and took 0.4-2 s on H2 each time a round had changed the table. They are still
 * reused for {@link #FRESH_FOR_NANOS}, as every search page asks. Thread-safe.
 */
public final class EmbeddingStatus {
    /** How long counts are reused: the index follows the catalog every 2 s anyway. */
    static final long FRESH_FOR_NANOS = SearchRunner.FOLLOW_EVERY.toNanos();

    /** The state of background embedding. */
    public enum State {
        /** No embedding model (search.model=none): search is by words only. */
        OFF,
        /** Papers are waiting and this process is embedding them. */
        RUNNING,
        /** Nothing is being embedded here now: every paper has a vector, or none is being made. */
        IDLE;

        /** The lower-case name, as /healthz writes it. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Papers of the index, and of those the ones with a vector.
     *
     * @param embedded papers the semantic leg can find
     * @param papers papers in the index (hidden ones included, as in /healthz's count)
     */
    public record Coverage(long embedded, long papers) {
        /** True when every paper can be found by meaning. */
        public boolean complete() {
            return embedded >= papers;
        }
    }

    private record Counted(Coverage coverage, long at) {}

    private final PaperSearch search;
    private final BooleanSupplier running;
    private volatile @Nullable Counted last;

    /**
     * @param running whether this process's background embedding is working (see {@link
     *     SearchRunner#embedding}); false in a process that does not embed
     */
    public EmbeddingStatus(PaperSearch search, BooleanSupplier running) {
        this.search = search;
        this.running = running;
    }

    /** Whether search ranks by meaning at all (an embedding model is configured). */
    public boolean on() {
        return search.semantic();
    }

    public State state() {
        if (!on()) {
            return State.OFF;
        }
        return running.getAsBoolean() ? State.RUNNING : State.IDLE;
    }

    /** The counts, at most {@link #FRESH_FOR_NANOS} old. */
    public Coverage coverage() {
        Counted counted = last;
        long now = System.nanoTime();
        if (counted == null || now - counted.at() > FRESH_FOR_NANOS) {
            // Read the vectors first: both counts only grow, so embedded <= papers holds.
            long embedded = on() ? search.embeddedDocuments() : 0;
            counted = new Counted(new Coverage(embedded, search.documents()), now);
            last = counted;
        }
        return counted.coverage();
    }
}
