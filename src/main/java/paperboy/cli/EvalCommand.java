package paperboy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import paperboy.search.BeirEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code paperboy eval --beir DIR}: ranking quality on a BEIR-format collection. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Measures ranking quality on a BEIR-format folder (corpus.jsonl[.gz], queries.jsonl,",
            "qrels/test.tsv): builds a temporary index of the corpus and prints nDCG@10, Recall@100 and",
            "MRR@10 averaged over the judged queries. The catalog and its index are not touched.",
            "Modes: lexical (BM25). Semantic and hybrid arrive with the embedding model."})
public final class EvalCommand implements Callable<Integer> {
    @Option(names = "--beir", required = true, paramLabel = "DIR", description = "BEIR-format folder, e.g. ../shared/data/beir/scifact")
    private Path beir;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "lexical", description = "lexical (default ${DEFAULT-VALUE}).")
    private String mode;

    @Option(names = "--json", description = "Print one JSON object on the last line: {\"lexical\":{\"ndcg@10\":…,\"recall@100\":…,\"mrr@10\":…}}.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        if (!mode.equals("lexical")) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--mode " + mode + ": only lexical is available until the embedding model is wired in");
        }
        BeirEvaluation eval = BeirEvaluation.load(beir);
        System.err.printf("%s: %,d documents, %,d judged queries%n", beir, eval.documents(), eval.queries());
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("lexical", eval.lexical());
        if (json) {
            System.out.println(new ObjectMapper().writeValueAsString(results));
        } else {
            System.out.printf("%-10s %9s %11s %8s%n", "mode", "nDCG@10", "Recall@100", "MRR@10");
            results.forEach((name, m) -> {
                @SuppressWarnings("unchecked")
                Map<String, Double> v = (Map<String, Double>) m;
                System.out.printf("%-10s %9.4f %11.4f %8.4f%n", name, v.get("ndcg@10"), v.get("recall@100"), v.get("mrr@10"));
            });
        }
        return 0;
    }
}
