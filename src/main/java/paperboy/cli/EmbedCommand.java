package paperboy.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import paperboy.Paperboy;
import paperboy.app.Instance;
import paperboy.catalog.CatalogException;
import paperboy.common.Nodes;
import paperboy.common.Plural;
import paperboy.config.Settings;
import paperboy.config.SettingsException;
import paperboy.search.Embedder;
import paperboy.search.EmbeddingModel;
import paperboy.search.EmbeddingWorker;
import paperboy.search.PaperSearch;
import paperboy.search.SearchIndexes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code paperboy embed}: compute the embeddings the semantic leg needs, in the foreground. */
// picocli sets the injected fields (@Spec, @ParentCommand, @Mixin, required or defaulted
// options and parameters) reflectively before call(): a third-party boundary NullAway cannot see.
@SuppressWarnings("NullAway.Init")
@Command(
        name = "embed",
        mixinStandardHelpOptions = true,
        description = {
            "Embeds every paper that has no embedding yet (newest first) with search.model,",
            "stores the vectors in the catalog and updates the index. Resumable: Ctrl-C stops",
            "it after the current round, and the next run goes on. `serve` does the same in",
            "the background, after a first pass that gives every paper a quick vector (its",
            "first 32 tokens) within minutes; embed computes full vectors only, replacing those.",
            "With --limit N it embeds the N newest of those papers and stops. With --follow it",
            "keeps waiting for new papers until stopped: a pure worker on another machine with",
            "the same --db-url. Papers are claimed through leases in the catalog (embed.lease),",
            "so any number of workers and serve nodes share the work, none embedding a paper",
            "another holds, and a worker that dies leaves its batch to the others."
        })
public final class EmbedCommand implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @ParentCommand private Paperboy root;

    @Option(
            names = "--limit",
            paramLabel = "N",
            description =
                    "Embed at most N papers (the newest without an embedding), then stop; N >= 1."
                            + " Default: every paper without one.")
    private @Nullable Long limit;

    @Option(
            names = "--follow",
            description =
                    "Do not exit when nothing is pending: look again every "
                            + FOLLOW_SECONDS
                            + " s until stopped (SIGTERM or Ctrl-C).")
    private boolean follow;

    /** How often a following worker looks for new papers when there were none. */
    static final int FOLLOW_SECONDS = 10;

    @Override
    public Integer call() {
        Long max = limit;
        if (max != null && max < 1) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--limit must be at least 1, not " + max);
        }
        Settings settings = root.settings(Map.of());
        EmbeddingModel model = SearchIndexes.model(settings);
        if (model == null) {
            throw new SettingsException("search.model is none: there is nothing to embed with");
        }
        // Closed last: a signal's stop waits until the models below are freed.
        try (StopOnSignal stop = new StopOnSignal()) {
            return embedUntilDoneOrStopped(settings, model, max, stop);
        }
    }

    private int embedUntilDoneOrStopped(
            Settings settings, EmbeddingModel model, @Nullable Long max, StopOnSignal stop) {
        // One single-threaded copy of the model per thread: faster than one copy on all threads.
        List<Embedder> copies = new ArrayList<>();
        long total = 0;
        try (Instance instance = Instance.of(settings)) {
            PaperSearch search = instance.searchUpToDate();
            for (int i = 0; i < settings.modelThreads(); i++) {
                copies.add(new Embedder(model, 1));
            }
            if (!search.writable()) {
                spec.commandLine()
                        .getErr()
                        .println(
                                "paperboy: a running serve holds the index; it will pick up the"
                                        + " embeddings");
            }
            EmbeddingModel quick = model.firstPass();
            try (EmbeddingWorker worker =
                    EmbeddingWorker.replacing(
                                    instance.vectors(), copies, quick == null ? null : quick.key())
                            .leasedAs(Nodes.name(), settings.embedLease())) {
                total =
                        embed(
                                worker,
                                search,
                                model,
                                stop,
                                max == null ? Long.MAX_VALUE : max,
                                instance.catalog().count());
            } catch (RuntimeException e) {
                // H2's own shutdown hook may close the catalog under the last round
                if (!stop.signalled() || !CatalogException.closedByShutdown(e)) {
                    throw e;
                }
            }
            if (stop.signalled()) {
                // the batch in progress was not stored; the next run picks it up
                spec.commandLine()
                        .getErr()
                        .println(
                                "paperboy: stopped after embedding "
                                        + Plural.count(total, "paper", "papers")
                                        + " in this run; run paperboy embed again to continue");
                return 0;
            }
        } finally {
            copies.forEach(Embedder::close);
        }
        return 0;
    }

    /** Embeds until nothing is pending (with --follow: until stopped); returns papers embedded. */
    private long embed(
            EmbeddingWorker worker,
            PaperSearch search,
            EmbeddingModel model,
            StopOnSignal stop,
            long max,
            long papers) {
        long start = System.nanoTime();
        long done = 0;
        boolean waiting = false;
        while (true) {
            long before = done;
            done +=
                    worker.embedAll(
                            n -> {
                                long all = before + n;
                                double seconds = (System.nanoTime() - start) / 1e9;
                                spec.commandLine()
                                        .getErr()
                                        .printf(
                                                "embedded %s (%.1f/s)%n",
                                                Plural.count(all, "paper", "papers"),
                                                all / seconds);
                                if (n % 2048 == 0) {
                                    // let searches see the vectors as they come
                                    search.catchUp(x -> {});
                                }
                            },
                            stop::signalled,
                            max - done);
            if (!follow || stop.signalled() || done >= max) {
                break;
            }
            if (done == before) {
                if (!waiting) {
                    spec.commandLine()
                            .getErr()
                            .printf(
                                    "waiting for papers to embed (looking every %d s)%n",
                                    FOLLOW_SECONDS);
                    waiting = true;
                }
                waitForWork(stop); // nothing pending, or all of it leased by others
            } else {
                waiting = false;
            }
        }
        if (stop.signalled()) {
            return done; // stopping: the index catches up with these vectors on the next run
        }
        search.catchUp(x -> {});
        double seconds = (System.nanoTime() - start) / 1e9;
        long embedded = worker.embedded();
        spec.commandLine()
                .getOut()
                .printf(
                        "embedded %s with %s in %.0f s (%.1f papers/s); %,d embedded in all%n",
                        Plural.count(done, "paper", "papers"),
                        model.key(),
                        seconds,
                        done / Math.max(seconds, 1e-9),
                        embedded);
        if (done == max && max != Long.MAX_VALUE) {
            spec.commandLine()
                    .getOut()
                    .printf(
                            "stopped at --limit %,d; %s no embedding%n",
                            max,
                            Plural.count(
                                    Math.max(0, papers - embedded),
                                    "paper still has",
                                    "papers still have"));
        }
        return done;
    }

    private static void waitForWork(StopOnSignal stop) {
        long until = System.nanoTime() + FOLLOW_SECONDS * 1_000_000_000L;
        while (!stop.signalled() && System.nanoTime() < until) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
