package paperboy.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import paperboy.Paperboy;
import paperboy.app.Instance;
import paperboy.config.Settings;
import paperboy.recommend.RecommenderBench;
import paperboy.search.Embedder;
import paperboy.search.EmbeddingModel;
import paperboy.search.SearchIndexes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code paperboy bench recommend}: the site's "For you" for the evaluation's members. */
// picocli sets the injected fields (@Spec, @ParentCommand, @Mixin, required or defaulted
// options and parameters) reflectively before call(): a third-party boundary NullAway cannot see.
@SuppressWarnings("NullAway.Init")
@Command(
        name = "recommend",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the site's recommender (\"For you\") for the members of eval --recommendations",
            "(the same weeks, members and dev/test split; papers embedded as it embeds them) and",
            "prints its recall@50 on each half, the time of each week's first member (who waits",
            "for the week's model) and p50/p99 of every other member's."
        })
final class RecommendBench implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Paperboy root = (Paperboy) spec.parent().parent().userObject();
        Settings settings = root.settings(Map.of());
        EmbeddingModel model = SearchIndexes.model(settings);
        if (model == null) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "bench recommend measures the method in use, which reads embeddings: set"
                            + " search.model (it is none)");
        }
        PrintWriter err = spec.commandLine().getErr();
        RecommenderBench.Result r;
        try (Instance instance = Instance.of(settings);
                Embedder embedder = new Embedder(model, settings.modelThreads())) {
            try {
                r =
                        RecommenderBench.run(
                                instance.catalog(),
                                instance.daily(),
                                instance.vectors(),
                                embedder,
                                err::println);
            } catch (IllegalStateException e) {
                err.println("paperboy: " + e.getMessage());
                return 1;
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
                "%d dev and %d test members, %s, %d cores%n",
                r.devMembers(),
                r.testMembers(),
                r.modelKey(),
                Runtime.getRuntime().availableProcessors());
        out.printf("recall@50: dev %.4f, test %.4f%n", r.devRecall(), r.testRecall());
        out.printf(
                "first member of each week (builds the week's model): %s ms%n",
                r.firstMillis().stream().map(ms -> String.format("%.0f", ms)).toList());
        out.printf(
                "every other member: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d)%n",
                r.warm(0.5), r.warm(0.99), r.warm(1.0), r.warmMillis().size());
        return 0;
    }
}
