package paperboy.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import paperboy.catalog.CatalogStore;
import paperboy.catalog.CodeLinkStore;
import paperboy.catalog.Database;
import paperboy.catalog.UpsertOutcome;
import paperboy.ingest.ImportProgress;
import paperboy.ingest.ImportReport;
import paperboy.ingest.Importer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code paperboy bench}: Paperboy's own benchmarks, run on this machine. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Benchmarks on this machine. Results go to stdout; use them for the README.",
        subcommands = {
            BenchCommand.ImportBench.class,
            SearchBench.class,
            ScaleBench.class,
            RecommendBench.class
        })
public final class BenchCommand {

    /** Import throughput into an empty embedded catalog. */
    // picocli sets the injected fields (@Spec, @ParentCommand, @Mixin, required or defaulted
    // options and parameters) reflectively before call(): a third-party boundary NullAway cannot
    // see.
    @SuppressWarnings("NullAway.Init")
    @Command(
            name = "import",
            mixinStandardHelpOptions = true,
            description = {
                "Imports FILES into a fresh embedded catalog (in a temp dir) several times and"
                        + " prints",
                "papers/s per run and the median. The first run warms up the JVM and is not"
                        + " counted.",
                "Measures parsing + writing to the catalog (no search index)."
            })
    static final class ImportBench implements Callable<Integer> {
        @Spec private CommandSpec spec;

        @Parameters(
                paramLabel = "FILE",
                arity = "1..*",
                description = "Dump files, e.g. ../shared/data/arxiv/*.json.gz")
        private List<Path> files;

        @Option(
                names = "--runs",
                defaultValue = "3",
                description = "Measured runs (default ${DEFAULT-VALUE}).")
        private int runs;

        @Override
        public Integer call() throws IOException {
            if (runs < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--runs must be >= 1");
            }
            List<Double> rates = new ArrayList<>();
            for (int run = 0; run <= runs; run++) {
                Path dir = Files.createTempDirectory("paperboy-bench-");
                try (Database db = Database.open(Database.embeddedUrl(dir), null, null)) {
                    long start = System.nanoTime();
                    ImportReport report =
                            new Importer(
                                            new CatalogStore(db.dataSource()),
                                            new CodeLinkStore(db.dataSource()))
                                    .importFiles(files, ImportProgress.silent());
                    double seconds = (System.nanoTime() - start) / 1e9;
                    long papers = report.papers(UpsertOutcome.ADDED);
                    double rate = papers / seconds;
                    spec.commandLine()
                            .getOut()
                            .printf(
                                    "%s: %,d papers in %.2f s = %,.0f papers/s%n",
                                    run == 0 ? "warm-up" : "run " + run, papers, seconds, rate);
                    if (run > 0) {
                        rates.add(rate);
                    }
                } finally {
                    deleteRecursively(dir);
                }
            }
            rates.sort(Comparator.naturalOrder());
            spec.commandLine()
                    .getOut()
                    .printf(
                            "import: median %,.0f papers/s over %d runs (min %,.0f, max %,.0f), %d"
                                    + " cores%n",
                            rates.get(rates.size() / 2),
                            rates.size(),
                            rates.getFirst(),
                            rates.getLast(),
                            Runtime.getRuntime().availableProcessors());
            return 0;
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(
                            p -> {
                                try {
                                    Files.delete(p);
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            });
        }
    }
}
