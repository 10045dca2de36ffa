package paperboy.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import paperboy.Paperboy;
import paperboy.app.Instance;
import paperboy.common.Plural;
import paperboy.config.Settings;
import paperboy.search.PaperSearch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code paperboy reindex}: rebuild the search index from the catalog. */
// picocli sets the injected fields (@Spec, @ParentCommand, @Mixin, required or defaulted
// options and parameters) reflectively before call(): a third-party boundary NullAway cannot see.
@SuppressWarnings("NullAway.Init")
@Command(
        name = "reindex",
        mixinStandardHelpOptions = true,
        description = {
            "Drops the search index and builds it again from the catalog and the embeddings stored",
            "in it (the index is derived data: nothing is lost, nothing is embedded again).",
            "Normally not needed: the index follows the catalog by itself."
        })
public final class ReindexCommand implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @ParentCommand private Paperboy root;

    @Override
    public Integer call() {
        Settings settings = root.settings(Map.of());
        try (Instance instance = Instance.of(settings)) {
            PaperSearch search = instance.search();
            long start = System.nanoTime();
            long papers = search.rebuild(n -> {});
            spec.commandLine()
                    .getOut()
                    .printf(
                            "reindexed %s in %.1f s%n",
                            Plural.count(papers, "paper", "papers"),
                            (System.nanoTime() - start) / 1e9);
        }
        return 0;
    }
}
