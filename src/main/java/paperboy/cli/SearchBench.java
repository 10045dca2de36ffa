package paperboy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import paperboy.Paperboy;
import paperboy.app.Instance;
import paperboy.config.Settings;
import paperboy.search.PaperSearch;
import paperboy.search.SearchIndexes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code paperboy bench search}: query latency on the data dir's catalog, per mode. */
// picocli sets the injected fields (@Spec, @ParentCommand, @Mixin, required or defaulted
// options and parameters) reflectively before call(): a third-party boundary NullAway cannot see.
@SuppressWarnings("NullAway.Init")
@Command(
        name = "search",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a fixed query set against the data dir's index, one query at a time (warm: every",
            "query runs once before measuring), and prints p50/p99/mean latency for lexical,"
                    + " semantic and",
            "hybrid, end to end including the query embedding. Queries: the 300 SciFact claims",
            "(../shared/data/beir/scifact/queries.jsonl) unless --queries names a JSON-lines file."
        })
final class SearchBench implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Option(
            names = "--queries",
            paramLabel = "FILE",
            defaultValue = "../shared/data/beir/scifact/queries.jsonl",
            description = "JSON lines with a \"text\" field (default ${DEFAULT-VALUE}).")
    private Path queries;

    @Option(
            names = "--rounds",
            defaultValue = "3",
            description = "Measured passes over the queries (default ${DEFAULT-VALUE}).")
    private int rounds;

    @Override
    public Integer call() throws IOException {
        Paperboy root = (Paperboy) spec.parent().parent().userObject();
        Settings settings = root.settings(Map.of());
        List<String> texts = readQueries(queries);
        try (Instance instance = Instance.of(settings)) {
            PaperSearch search = instance.searchUpToDate();
            spec.commandLine()
                    .getOut()
                    .printf(
                            "%,d papers in the index, %d queries x %d rounds, %d cores%n",
                            search.documents(),
                            texts.size(),
                            rounds,
                            Runtime.getRuntime().availableProcessors());
            for (PaperSearch.Mode mode : PaperSearch.Mode.values()) {
                if (mode != PaperSearch.Mode.LEXICAL && SearchIndexes.model(settings) == null) {
                    continue;
                }
                texts.forEach(q -> search.search(q, mode, 0, 10)); // warm-up
                long[] nanos = new long[texts.size() * rounds];
                int i = 0;
                for (int r = 0; r < rounds; r++) {
                    for (String q : texts) {
                        search.forgetQueryVectors(); // measure the embedding too, as for a query
                        // never seen
                        long start = System.nanoTime();
                        search.search(q, mode, 0, 10);
                        nanos[i++] = System.nanoTime() - start;
                    }
                }
                Arrays.sort(nanos);
                spec.commandLine()
                        .getOut()
                        .printf(
                                "%-8s p50 %6.2f ms  p99 %6.2f ms  mean %6.2f ms%n",
                                mode.name().toLowerCase(Locale.ROOT),
                                nanos[nanos.length / 2] / 1e6,
                                nanos[(int) Math.floor(nanos.length * 0.99)] / 1e6,
                                Arrays.stream(nanos).average().orElse(0) / 1e6);
            }
        }
        return 0;
    }

    static List<String> readQueries(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> texts = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    texts.add(json.readTree(line).path("text").asText());
                }
            }
        }
        return texts;
    }
}
