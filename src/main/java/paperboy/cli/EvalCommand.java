package paperboy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import paperboy.Paperboy;
import paperboy.app.Instance;
import paperboy.config.Settings;
import paperboy.recommend.RecommendationEval;
import paperboy.search.BeirEvaluation;
import paperboy.search.Embedder;
import paperboy.search.EmbeddingModel;
import paperboy.search.SearchIndexes;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code paperboy eval --beir DIR}: ranking quality on a BEIR-format collection. */
// picocli sets the injected fields (@Spec, @ParentCommand, @Mixin, required or defaulted
// options and parameters) reflectively before call(): a third-party boundary NullAway cannot see.
@SuppressWarnings("NullAway.Init")
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description = {
            "Measures ranking quality on a BEIR-format folder (corpus.jsonl[.gz], queries.jsonl,",
            "qrels/test.tsv) or on a known-item collection built from an arXiv snapshot: builds a",
            "temporary index of the corpus and prints nDCG@10, Recall@100 and MRR@10 averaged",
            "over the judged queries. The catalog and its index are not touched.",
            "Modes: lexical (BM25), semantic (embeddings, HNSW), hybrid (both legs fused).",
            "Semantic and hybrid embed the corpus first: minutes on 2 cores, seconds when the",
            "vectors are in the cache (<data dir>/eval-cache, keyed by model and corpus).",
            "--recommendations measures the recommendation methods on the instance's catalog",
            "instead and marks the one in use (*)."
        })
public final class EvalCommand implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @ParentCommand private Paperboy root;

    @ArgGroup(multiplicity = "1")
    private Collection collection;

    static final class Collection {
        @Option(
                names = "--beir",
                paramLabel = "DIR",
                description = "BEIR-format folder, e.g. ../shared/data/beir/scifact")
        @Nullable Path beir;

        @Option(
                names = "--arxiv",
                paramLabel = "DIR",
                description =
                        "arXiv snapshot folder (e.g. ../shared/data/arxiv): builds a known-item"
                                + " collection of 4,000 papers and 300 queries (see --task)")
        @Nullable Path arxiv;

        @Option(
                names = "--recommendations",
                description =
                        "Measure recommendation methods on this instance's catalog (an author's"
                                + " older papers stand for a member's library, their papers of a"
                                + " week for what they would want; names hidden from every"
                                + " method): Recall@50 and nDCG@50 on the dev and test halves;"
                                + " embeds only the papers it needs, with search.model.")
        boolean recommendations;
    }

    @Option(
            names = "--task",
            paramLabel = "TASK",
            defaultValue = "titles",
            description =
                    "With --arxiv: titles (title -> its abstract; default) or sentences (an"
                            + " abstract's first sentence -> title + the rest).")
    private String task;

    @Option(
            names = "--embedded-fraction",
            paramLabel = "F",
            defaultValue = "1",
            description =
                    "Share of the corpus that has vectors, 0 to 1 (default ${DEFAULT-VALUE}): a"
                            + " fixed random share (seed 42), as while an instance is embedding.")
    private double fraction;

    @Option(
            names = "--options",
            description =
                    "Measure every option the defaults were chosen from (lexical extras, BM25"
                            + " parameters, query instruction, fusion, coverage correction,"
                            + " semantic floor) and print one row each.")
    private boolean options;

    @Option(
            names = "--no-cache",
            description = "Embed the corpus even when its vectors are in the cache.")
    private boolean noCache;

    @Option(
            names = "--mode",
            paramLabel = "MODE",
            defaultValue = "all",
            description = "all (default), lexical, semantic or hybrid.")
    private String mode;

    @Option(
            names = "--model",
            paramLabel = "DIR",
            description =
                    "Embedding model directory (model.onnx + tokenizer.json); default:"
                            + " bge-small-en-v1.5 int8.")
    private @Nullable Path modelDir;

    @Option(
            names = "--threads",
            paramLabel = "N",
            defaultValue = "2",
            description = "Threads for the model (default ${DEFAULT-VALUE}).")
    private int threads;

    @Option(
            names = "--max-tokens",
            paramLabel = "N",
            defaultValue = "512",
            description =
                    "Tokens of each document the model reads, up to 512 (default ${DEFAULT-VALUE},"
                            + " as search.model-max-tokens).")
    private int maxTokens;

    @Option(
            names = "--json",
            description =
                    "Print one JSON object on the last line:"
                            + " {\"lexical\":{\"ndcg@10\":…,\"recall@100\":…,\"mrr@10\":…}}"
                            + " (with --recommendations: the table's rows).")
    private boolean json;

    private int recommendations() throws Exception {
        Settings settings = root.settings(Map.of());
        EmbeddingModel model = SearchIndexes.model(settings);
        if (model == null) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--recommendations compares embedding methods: set search.model (it is none)");
        }
        PrintWriter err = spec.commandLine().getErr();
        RecommendationEval.Result result;
        long start = System.nanoTime();
        try (Instance instance = Instance.of(settings);
                Embedder embedder = new Embedder(model, threads)) {
            try {
                result =
                        RecommendationEval.run(
                                instance.catalog(), instance.vectors(), embedder, err::println);
            } catch (IllegalStateException e) {
                err.println("paperboy: " + e.getMessage());
                return 1;
            }
        }
        err.printf("done in %.0f s%n", (System.nanoTime() - start) / 1e9);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("model", result.modelKey());
            body.put("weeks", result.weeks().stream().map(Object::toString).toList());
            body.put("devMembers", result.devMembers());
            body.put("testMembers", result.testMembers());
            body.put("candidates", result.candidates());
            body.put("embedded", result.embedded());
            body.put("rows", result.rows());
            out.println(new ObjectMapper().writeValueAsString(body));
            return 0;
        }
        out.printf(
                "Weeks %s; %d dev and %d test members; %,d candidate papers; %s%n",
                result.weeks(),
                result.devMembers(),
                result.testMembers(),
                result.candidates(),
                result.modelKey());
        out.printf(
                "%-2s %-20s %11s %9s %12s %10s  %s%n",
                "", "method", "dev R@50", "dev N@50", "test R@50", "test N@50", "what");
        for (RecommendationEval.Row r : result.rows()) {
            out.printf(
                    "%-2s %-20s %11.4f %9.4f %12.4f %10.4f  %s%n",
                    r.inUse() ? "*" : "",
                    r.method(),
                    r.devRecall(),
                    r.devNdcg(),
                    r.testRecall(),
                    r.testNdcg(),
                    r.description());
        }
        return 0;
    }

    @Override
    public Integer call() throws Exception {
        if (collection.recommendations) {
            return recommendations();
        }
        if (!List.of("all", "lexical", "semantic", "hybrid").contains(mode)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--mode must be all, lexical, semantic or hybrid, not '" + mode + "'");
        }
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--embedded-fraction must be between 0 and 1, not " + fraction);
        }
        BeirEvaluation eval;
        try {
            eval =
                    collection.beir != null
                            ? BeirEvaluation.load(collection.beir)
                            : BeirEvaluation.arxiv(Objects.requireNonNull(collection.arxiv), task);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        spec.commandLine()
                .getErr()
                .printf(
                        "%s: %,d documents, %,d judged queries%n",
                        eval.name(), eval.documents(), eval.queries());
        Path cache = noCache ? null : root.settings(Map.of()).dataDir().resolve("eval-cache");
        Map<String, Map<String, Double>> measured;
        if (mode.equals("lexical") && !options) {
            measured = Map.of("lexical", eval.lexical());
        } else {
            EmbeddingModel model =
                    (modelDir == null
                                    ? EmbeddingModel.bgeSmallInt8()
                                    : EmbeddingModel.fromDirectory(modelDir))
                            .withMaxTokens(maxTokens);
            try (Embedder embedder = new Embedder(model, threads)) {
                long start = System.nanoTime();
                spec.commandLine()
                        .getErr()
                        .printf("embedding with %s (%d threads) ...%n", model.key(), threads);
                if (options) {
                    spec.commandLine()
                            .getOut()
                            .printf("%-9s %-70s %8s%n", "group", "option", "nDCG@10");
                    eval.compareOptions(
                            embedder,
                            EmbeddingModel.BGE_INSTRUCTION,
                            cache,
                            (group, option, value) ->
                                    spec.commandLine()
                                            .getOut()
                                            .printf("%-9s %-70s %8.4f%n", group, option, value));
                    return 0;
                }
                measured = eval.evaluate(embedder, fraction, cache);
                spec.commandLine()
                        .getErr()
                        .printf("done in %.0f s%n", (System.nanoTime() - start) / 1e9);
            }
        }
        Map<String, Object> results = new LinkedHashMap<>();
        measured.forEach(
                (name, m) -> {
                    if (mode.equals("all") || mode.equals(name)) {
                        results.put(name, m);
                    }
                });
        if (json) {
            spec.commandLine().getOut().println(new ObjectMapper().writeValueAsString(results));
        } else {
            spec.commandLine()
                    .getOut()
                    .printf("%-10s %9s %11s %8s%n", "mode", "nDCG@10", "Recall@100", "MRR@10");
            results.forEach(
                    (name, m) -> {
                        @SuppressWarnings("unchecked")
                        Map<String, Double> v = (Map<String, Double>) m;
                        spec.commandLine()
                                .getOut()
                                .printf(
                                        "%-10s %9.4f %11.4f %8.4f%n",
                                        name,
                                        v.get("ndcg@10"),
                                        v.get("recall@100"),
                                        v.get("mrr@10"));
                    });
        }
        return 0;
    }
}
