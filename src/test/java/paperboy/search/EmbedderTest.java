package paperboy.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The built-in model, really run: ONNX Runtime and the Hugging Face tokenizer, offline. */
class EmbedderTest {
    private static Embedder embedder;

    @BeforeAll
    static void loadModel() {
        embedder = new Embedder(EmbeddingModel.bgeSmallInt8(), 2);
    }

    @AfterAll
    static void closeModel() {
        embedder.close();
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void givesUnitVectorsOfTheModelsDimension() {
        float[] v = embedder.embedQuery("fixed point iteration");
        assertThat(embedder.dimension()).isEqualTo(384);
        assertThat(v).hasSize(384);
        assertThat(dot(v, v)).isCloseTo(1.0, Offset.offset(1e-4));
    }

    @Test
    void placesAQueryNearerToAPaperAboutItThanToAnUnrelatedOne() {
        float[] query = embedder.embedQuery("convergence of fixed-point iterations");
        List<float[]> docs =
                embedder.embedDocuments(
                        List.of(
                                "Banach's contraction principle guarantees that iterating a"
                                        + " contraction map converges to its unique fixed point.",
                                "We collect a dataset of bird songs recorded in tropical forests."),
                        16);
        assertThat(dot(query, docs.get(0))).isGreaterThan(dot(query, docs.get(1)) + 0.1);
    }

    @Test
    void keepsTheOrderOfDocumentsWhileBatchingThemByLength() {
        List<String> texts =
                List.of(
                        "a much longer text about quantization of neural network weights to eight"
                                + " bits",
                        "short",
                        "a middle sized sentence about graphs");
        List<float[]> batched = embedder.embedDocuments(texts, 2);
        for (int i = 0; i < texts.size(); i++) {
            float[] alone = embedder.embedDocuments(List.of(texts.get(i)), 1).getFirst();
            assertThat(dot(batched.get(i), alone)).as("text %d", i).isGreaterThan(0.99);
        }
    }

    @Test
    void coversTheWholeAbstractNotJustTheFirst128Tokens() {
        String filler =
                "This sentence is filler about nothing in particular. ".repeat(20); // ~200 tokens
        float[] early = embedder.embedDocuments(List.of(filler + "Protein folding."), 1).getFirst();
        float[] late =
                embedder.embedDocuments(List.of(filler + "Black hole thermodynamics."), 1)
                        .getFirst();
        assertThat(dot(early, late))
                .as("the ending after 128 tokens changes the vector")
                .isLessThan(0.999);
    }
}
