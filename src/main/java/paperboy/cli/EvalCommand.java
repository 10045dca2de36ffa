package paperboy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import paperboy.search.BeirEvaluation;
import paperboy.search.Embedder;
import paperboy.search.EmbeddingModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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
            "qrels/test.tsv): builds a temporary index of the corpus and prints nDCG@10, Recall@100"
                    + " and",
            "MRR@10 averaged over the judged queries. The catalog and its index are not touched.",
            "Modes: lexical (BM25), semantic (embeddings, HNSW), hybrid (both legs, scores fused).",
            "Semantic and hybrid embed the whole corpus first: minutes on 2 cores."
        })
public final class EvalCommand implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Option(
            names = "--beir",
            required = true,
            paramLabel = "DIR",
            description = "BEIR-format folder, e.g. ../shared/data/beir/scifact")
    private Path beir;

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
            defaultValue = "256",
            description =
                    "Tokens of each document the model reads, up to 512 (default ${DEFAULT-VALUE},"
                            + " as search.model-max-tokens).")
    private int maxTokens;

    @Option(
            names = "--json",
            description =
                    "Print one JSON object on the last line:"
                            + " {\"lexical\":{\"ndcg@10\":…,\"recall@100\":…,\"mrr@10\":…}}.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        if (!List.of("all", "lexical", "semantic", "hybrid").contains(mode)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--mode must be all, lexical, semantic or hybrid, not '" + mode + "'");
        }
        BeirEvaluation eval = BeirEvaluation.load(beir);
        spec.commandLine()
                .getErr()
                .printf(
                        "%s: %,d documents, %,d judged queries%n",
                        beir, eval.documents(), eval.queries());
        Map<String, Map<String, Double>> measured;
        if (mode.equals("lexical")) {
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
                measured = eval.evaluate(embedder);
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
