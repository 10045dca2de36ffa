package paperboy.cli;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import paperboy.Paperboy;
import paperboy.app.Instance;
import paperboy.catalog.ArxivId;
import paperboy.catalog.CatalogStore;
import paperboy.catalog.JobLeases;
import paperboy.catalog.Paper;
import paperboy.catalog.UpsertOutcome;
import paperboy.common.Plural;
import paperboy.config.Setting;
import paperboy.config.Settings;
import paperboy.ingest.ArxivClients;
import paperboy.ingest.HeldElsewhereException;
import paperboy.ingest.arxiv.ArxivUnavailableException;
import paperboy.ingest.arxiv.HarvestReport;
import paperboy.ingest.arxiv.ListingItem;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code paperboy harvest}: one round of arXiv harvesting, now. */
// picocli sets the injected fields (@Spec, @ParentCommand, @Mixin, required or defaulted
// options and parameters) reflectively before call(): a third-party boundary NullAway cannot see.
@SuppressWarnings("NullAway.Init")
@Command(
        name = "harvest",
        mixinStandardHelpOptions = true,
        description = {
            "Harvests arXiv once, politely (one request at a time, >= 3 s apart):",
            "  default    OAI-PMH ListRecords of each category, incremental from the last run",
            "             (checkpointed in the catalog: a killed harvest resumes where it"
                    + " stopped);",
            "  --today    the day's new listings from arXiv's RSS feeds, fetched through the API;",
            "  --id ID    particular papers through the arXiv API (any id or URL form).",
            "One process harvests a catalog's categories at a time (a lease in the catalog,"
                    + " harvest.lease): while a serve node or another harvest holds it, this one"
                    + " says so and exits.",
            "Exit code: 0 done, 1 arXiv unreachable or answered with an error, or another process"
                    + " is harvesting."
        })
public final class HarvestCommand implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @ParentCommand private Paperboy root;

    @Option(
            names = {"-c", "--category"},
            paramLabel = "CAT",
            split = ",",
            description =
                    "Category, group or OAI set to harvest (repeatable); default:"
                            + " harvest.categories.")
    private @Nullable List<String> categories;

    @Option(
            names = "--from",
            paramLabel = "YYYY-MM-DD",
            description =
                    "Where a category's first harvest starts (later runs continue from their"
                            + " checkpoint); default: harvest.first-from, else 7 days ago.")
    private @Nullable LocalDate from;

    @Option(
            names = "--today",
            description = "Fetch the papers announced today (RSS listings, then the API).")
    private boolean today;

    @Option(
            names = "--id",
            paramLabel = "ID",
            split = ",",
            description = "Fetch these papers through the arXiv API.")
    private @Nullable List<String> ids;

    @Override
    public Integer call() {
        if (ids != null && today) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--id and --today ask for different things: give one of them");
        }
        if (from != null && (ids != null || today)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--from only applies to a category harvest, not to --id or --today");
        }
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        if (from != null) {
            flags.put(Setting.HARVEST_FIRST_FROM, from.toString());
        }
        Settings settings = root.settings(flags);
        List<ArxivId> wanted = parseIds();
        try (Instance instance = Instance.of(settings)) {
            ArxivClients arxiv = instance.arxiv();
            CatalogStore catalog = instance.catalog();
            if (!wanted.isEmpty()) {
                store("by id", catalog, arxiv.api.fetch(wanted), wanted.size());
            } else if (today) {
                List<String> cats = categories != null ? categories : settings.categories();
                List<ArxivId> announced =
                        arxiv.listings.listings(cats).stream()
                                .filter(ListingItem::isNew)
                                .map(item -> item.id().withoutVersion())
                                .distinct()
                                .toList();
                spec.commandLine()
                        .getOut()
                        .printf(
                                "today's listings of %s: %s%n",
                                String.join("+", cats),
                                Plural.count(announced.size(), "new paper", "new papers"));
                store("today", catalog, arxiv.api.fetch(announced), announced.size());
            } else {
                List<String> cats = categories != null ? categories : settings.categories();
                for (HarvestReport report :
                        instance.leasedHarvest()
                                .harvest(cats, arxiv.firstHarvestFrom(), null)
                                .reports()) {
                    spec.commandLine().getOut().println(report.summary());
                    report.rejected()
                            .forEach(
                                    r ->
                                            spec.commandLine()
                                                    .getOut()
                                                    .println(
                                                            "  rejected "
                                                                    + r.identifier()
                                                                    + ": "
                                                                    + r.reason()));
                }
            }
            return 0;
        } catch (HeldElsewhereException e) {
            spec.commandLine()
                    .getErr()
                    .println(
                            "paperboy: "
                                    + e.getMessage()
                                    + "\n  one process harvests a catalog at a time; run again"
                                    + " after it.");
            return 1;
        } catch (JobLeases.LeaseLostException e) {
            spec.commandLine()
                    .getErr()
                    .println(
                            "paperboy: "
                                    + e.getMessage()
                                    + "\n  what was harvested is kept; that process continues.");
            return 1;
        } catch (ArxivUnavailableException e) {
            spec.commandLine()
                    .getErr()
                    .println(
                            "paperboy: arXiv is unreachable: "
                                    + e.getMessage()
                                    + "\n"
                                    + "  what was harvested is kept; run again later to"
                                    + " continue.");
            return 1;
        }
    }

    private List<ArxivId> parseIds() {
        List<ArxivId> parsed = new ArrayList<>();
        for (String id : ids == null ? List.<String>of() : ids) {
            try {
                parsed.add(ArxivId.parse(id).withoutVersion());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--id: " + e.getMessage());
            }
        }
        return parsed;
    }

    private void store(String what, CatalogStore catalog, List<Paper> papers, int asked) {
        List<UpsertOutcome> outcomes = catalog.upsert(papers);
        spec.commandLine()
                .getOut()
                .printf(
                        "%s: %d asked, %d found; %d added, %d updated, %d unchanged%n",
                        what,
                        asked,
                        papers.size(),
                        outcomes.stream().filter(o -> o == UpsertOutcome.ADDED).count(),
                        outcomes.stream().filter(o -> o == UpsertOutcome.UPDATED).count(),
                        outcomes.stream()
                                .filter(
                                        o ->
                                                o == UpsertOutcome.UNCHANGED
                                                        || o == UpsertOutcome.STALE)
                                .count());
    }
}
