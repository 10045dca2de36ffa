package paperboy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import paperboy.Paperboy;
import paperboy.app.Instance;
import paperboy.catalog.CatalogStats;
import paperboy.common.Plural;
import paperboy.config.Settings;
import paperboy.search.EmbeddingModel;
import paperboy.search.SearchIndexes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code paperboy stats}: what the catalog holds. */
// picocli sets the injected fields (@Spec, @ParentCommand, @Mixin, required or defaulted
// options and parameters) reflectively before call(): a third-party boundary NullAway cannot see.
@SuppressWarnings("NullAway.Init")
@Command(
        name = "stats",
        mixinStandardHelpOptions = true,
        description =
                "Prints what the catalog holds: papers, papers with code, counts by primary"
                        + " category, date range, and how many papers have an embedding (whether"
                        + " a serve is embedding now is on its /healthz).")
public final class StatsCommand implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @ParentCommand private Paperboy root;

    @Option(
            names = "--json",
            description =
                    "One JSON object: papers, papersWithCode, byPrimaryCategory, firstAnnounced,"
                            + " lastAnnounced, embeddingModel, embedded.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        CatalogStats stats;
        Settings settings = root.settings(Map.of());
        EmbeddingModel model = SearchIndexes.model(settings);
        long embedded;
        try (Instance instance = Instance.of(settings)) {
            stats = instance.catalog().stats();
            embedded = model == null ? 0 : instance.vectors().embedded(model.key());
        }
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("papers", stats.papers());
            out.put("papersWithCode", stats.papersWithCode());
            out.put("byPrimaryCategory", stats.byPrimaryCategory());
            out.put(
                    "firstAnnounced",
                    stats.firstAnnounced() == null ? null : stats.firstAnnounced().toString());
            out.put(
                    "lastAnnounced",
                    stats.lastAnnounced() == null ? null : stats.lastAnnounced().toString());
            out.put("embeddingModel", model == null ? null : model.key());
            out.put("embedded", embedded);
            spec.commandLine().getOut().println(new ObjectMapper().writeValueAsString(out));
            return 0;
        }
        spec.commandLine().getOut().printf("papers:           %,d%n", stats.papers());
        spec.commandLine().getOut().printf("with code link:   %,d%n", stats.papersWithCode());
        if (stats.papers() == 0) {
            spec.commandLine()
                    .getOut()
                    .println("The catalog is empty: run `paperboy import` or `paperboy harvest`.");
            return 0;
        }
        spec.commandLine()
                .getOut()
                .printf(
                        "announced:        %s .. %s%n",
                        stats.firstAnnounced(), stats.lastAnnounced());
        if (model != null) {
            spec.commandLine()
                    .getOut()
                    .printf(
                            "embedded:         %,d of %,d (%.0f%%) with %s%n",
                            embedded,
                            stats.papers(),
                            100.0 * embedded / stats.papers(),
                            model.key());
            if (embedded < stats.papers()) {
                // This process cannot see another's embedding loop: say where that state is.
                spec.commandLine()
                        .getOut()
                        .printf(
                                "                  %,d waiting; a running serve embeds them (its"
                                        + " /healthz says whether it is), or run paperboy embed%n",
                                stats.papers() - embedded);
            }
        } else {
            spec.commandLine().getOut().println("embedded:         off (search.model=none)");
        }
        spec.commandLine().getOut().println("by primary category:");
        stats.byPrimaryCategory().entrySet().stream()
                .limit(20)
                .forEach(
                        e ->
                                spec.commandLine()
                                        .getOut()
                                        .printf("  %-16s %,d%n", e.getKey(), e.getValue()));
        if (stats.byPrimaryCategory().size() > 20) {
            spec.commandLine()
                    .getOut()
                    .printf(
                            "  ... %s more (--json lists all)%n",
                            Plural.count(
                                    stats.byPrimaryCategory().size() - 20,
                                    "category",
                                    "categories"));
        }
        return 0;
    }
}
