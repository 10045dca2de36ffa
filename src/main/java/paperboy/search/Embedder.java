package paperboy.search;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Runs an {@link EmbeddingModel} in process: Hugging Face tokenizer (truncating at the model's
 * limit, so a whole abstract counts, not the tokenizer file's default) and ONNX Runtime. Vectors
 * are L2-normalised, so a dot product is the cosine. Thread-safe: ONNX sessions may be run from
 * several threads.
 */
public final class Embedder implements AutoCloseable {
    private final EmbeddingModel model;
    private final HuggingFaceTokenizer tokenizer;
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final boolean wantsTypeIds;
    private final int dimension;

    /**
     * @param threads ONNX Runtime's intra-op threads
     */
    public Embedder(EmbeddingModel model, int threads) {
        this.model = model;
        HuggingFaceTokenizer tok = null;
        OrtSession opened = null;
        try (InputStream tokenizerJson = model.tokenizer().open();
                InputStream onnx = model.onnx().open();
                OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            // DJL honours these over the tokenizer file's own settings (MiniLM's file cuts at 128).
            tok =
                    HuggingFaceTokenizer.newInstance(
                            tokenizerJson,
                            Map.of(
                                    "truncation",
                                    "true",
                                    "padding",
                                    "false",
                                    "maxLength",
                                    Integer.toString(model.maxTokens())));
            options.setIntraOpNumThreads(threads);
            // Idle pool threads must not spin: the web server and the other model copies need the
            // cores.
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            opened = env.createSession(onnx.readAllBytes(), options);
            this.tokenizer = tok;
            this.session = opened;
            Set<String> inputs = session.getInputNames();
            this.wantsTypeIds = inputs.contains("token_type_ids");
            this.dimension = embedOne("dimension probe").length;
        } catch (IOException e) {
            closeQuietly(tok, opened);
            throw new UncheckedIOException(
                    "cannot read embedding model " + model.name() + ": " + e.getMessage(), e);
        } catch (OrtException e) {
            closeQuietly(tok, opened);
            throw new IllegalStateException(
                    "cannot load embedding model " + model.name() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(tok, opened);
            throw e;
        }
    }

    private static void closeQuietly(
            @Nullable HuggingFaceTokenizer tok, @Nullable OrtSession session) {
        if (tok != null) {
            tok.close();
        }
        if (session != null) {
            try {
                session.close();
            } catch (OrtException suppressed) {
                // already failing; the original error is the one to report
            }
        }
    }

    /** The key of this model's stored vectors ({@link EmbeddingModel#key}). */
    public String modelKey() {
        return model.key();
    }

    public int dimension() {
        return dimension;
    }

    /**
     * A query's vector, with the model's query instruction. Queries are embedded one at a time: an
     * int8 model's vectors shift slightly with the padding of a batch.
     */
    public float[] embedQuery(String query) {
        return embedOne(model.queryPrefix() + query);
    }

    /** A text's vector as it stands, without the query instruction (for evaluations). */
    float[] embedText(String text) {
        return embedOne(text);
    }

    /**
     * Documents' vectors, in the order given. Texts are sorted by length into batches so little
     * padding is computed (about 1.7x faster on abstracts).
     */
    public List<float[]> embedDocuments(List<String> texts, int batchSize) {
        List<Encoding> encodings = new ArrayList<>(texts.size());
        for (String text : texts) {
            encodings.add(tokenizer.encode(text));
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt(i -> encodings.get(i).getIds().length));
        float[][] vectors = new float[texts.size()][];
        for (int from = 0; from < order.size(); from += batchSize) {
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException(
                        "embedding interrupted"); // shutting down: stop between batches
            }
            List<Integer> batch = order.subList(from, Math.min(order.size(), from + batchSize));
            float[][] out = run(batch.stream().map(encodings::get).toList());
            for (int i = 0; i < batch.size(); i++) {
                vectors[batch.get(i)] = out[i];
            }
        }
        return List.of(vectors);
    }

    private float[] embedOne(String text) {
        return run(List.of(tokenizer.encode(text)))[0];
    }

    private float[][] run(List<Encoding> batch) {
        int length = batch.stream().mapToInt(e -> e.getIds().length).max().orElse(0);
        long[][] ids = new long[batch.size()][length];
        long[][] mask = new long[batch.size()][length];
        long[][] types = new long[batch.size()][length];
        for (int b = 0; b < batch.size(); b++) {
            Encoding e = batch.get(b);
            System.arraycopy(e.getIds(), 0, ids[b], 0, e.getIds().length);
            System.arraycopy(e.getAttentionMask(), 0, mask[b], 0, e.getAttentionMask().length);
            System.arraycopy(e.getTypeIds(), 0, types[b], 0, e.getTypeIds().length);
        }
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(env, ids));
            inputs.put("attention_mask", OnnxTensor.createTensor(env, mask));
            if (wantsTypeIds) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(env, types));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                float[][][] hidden = (float[][][]) result.get(0).getValue();
                float[][] vectors = new float[batch.size()][];
                for (int b = 0; b < batch.size(); b++) {
                    vectors[b] = normalise(pool(hidden[b], mask[b]));
                }
                return vectors;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("embedding failed: " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private float[] pool(float[][] tokens, long[] mask) {
        if (model.pooling() == EmbeddingModel.Pooling.CLS) {
            return tokens[0].clone();
        }
        float[] sum = new float[tokens[0].length];
        int n = 0;
        for (int t = 0; t < tokens.length; t++) {
            if (mask[t] == 0) {
                continue;
            }
            n++;
            for (int d = 0; d < sum.length; d++) {
                sum[d] += tokens[t][d];
            }
        }
        for (int d = 0; d < sum.length; d++) {
            sum[d] /= Math.max(1, n);
        }
        return sum;
    }

    private static float[] normalise(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float scale = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < v.length; i++) {
            v[i] *= scale;
        }
        return v;
    }

    /** Frees the native model; no embedding may be running (see SearchRunner's shutdown). */
    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(
                    "cannot close the embedding model: " + e.getMessage(), e);
        } finally {
            tokenizer.close();
        }
    }
}
