package paperboy.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import paperboy.testing.SharedData;

class BeirEvaluationTest {

    @Test
    void lexicalSearchBeatsThePublishedBm25MultifieldBaselineOnSciFact() {
        BeirEvaluation eval = BeirEvaluation.load(SharedData.dir().resolve("beir/scifact"));
        assertThat(eval.documents()).isEqualTo(5183);
        assertThat(eval.queries()).isEqualTo(300);

        Map<String, Double> lexical = eval.lexical();
        // Published: BM25 multifield 0.665, flat 0.679 (../shared/data/published_numbers.tsv).
        assertThat(lexical.get("ndcg@10")).isGreaterThanOrEqualTo(0.665);
        assertThat(lexical.get("recall@100")).isGreaterThan(0.85);
        assertThat(lexical.get("mrr@10")).isBetween(0.5, 1.0);
    }

    @Test
    void metricsFollowTheirDefinitions() {
        RetrievalMetrics perfect =
                RetrievalMetrics.of(List.of("a", "b", "x"), Map.of("a", 1, "b", 1));
        assertThat(perfect.ndcgAt10()).isEqualTo(1.0);
        assertThat(perfect.recallAt100()).isEqualTo(1.0);
        assertThat(perfect.mrrAt10()).isEqualTo(1.0);

        RetrievalMetrics second = RetrievalMetrics.of(List.of("x", "a"), Map.of("a", 1, "b", 1));
        assertThat(second.mrrAt10()).isEqualTo(0.5);
        assertThat(second.recallAt100()).isEqualTo(0.5);
        assertThat(second.ndcgAt10())
                .isCloseTo(
                        (1 / (Math.log(3) / Math.log(2))) / (1 + 1 / (Math.log(3) / Math.log(2))),
                        Offset.offset(1e-9));
    }

    @Test
    void aFolderThatIsNotBeirIsRefusedWithWhatIsMissing(@TempDir Path empty) {
        assertThatThrownBy(() -> BeirEvaluation.load(empty)).hasMessageContaining("qrels");
    }
}
