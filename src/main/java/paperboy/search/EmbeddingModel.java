package paperboy.search;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Which embedding model to run and how: the ONNX file and tokenizer.json, the pooling, the token
 * limit, and the instruction bge puts before queries. The default, bge-small-en-v1.5 int8, ships
 * inside a Maven jar; any directory with {@code model.onnx} + {@code tokenizer.json} works too.
 *
 * @param name the model's name; with the token limit it keys stored vectors (see {@link #key})
 * @param queryPrefix put before queries (bge's retrieval instruction); empty for none
 */
public record EmbeddingModel(
        String name,
        Source onnx,
        Source tokenizer,
        Pooling pooling,
        int maxTokens,
        String queryPrefix) {

    /** The instruction bge's authors put before retrieval queries (not before documents). */
    public static final String BGE_INSTRUCTION =
            "Represent this sentence for searching relevant passages: ";

    /** Tokens per text that the default model reads: see {@link #bgeSmallInt8}. */
    public static final int DEFAULT_MAX_TOKENS = 512;

    /** The key of stored vectors: another model or token limit means other vectors. */
    public String key() {
        return name + "@" + maxTokens;
    }

    /**
     * Tokens per text of the first pass: a quick vector for every paper (title and the start of its
     * abstract) while the full vectors are computed (README.md, "Search quality").
     */
    public static final int FIRST_PASS_TOKENS = 32;

    /**
     * The first pass's model: this one reading {@value #FIRST_PASS_TOKENS} tokens; {@code null}
     * when this one reads no more than that anyway.
     */
    public @Nullable EmbeddingModel firstPass() {
        return maxTokens > FIRST_PASS_TOKENS ? withMaxTokens(FIRST_PASS_TOKENS) : null;
    }

    /** The same model reading at most {@code tokens} tokens per text (1 to 512). */
    public EmbeddingModel withMaxTokens(int tokens) {
        if (tokens < 1 || tokens > 512) {
            throw new IllegalArgumentException(
                    "max tokens must be between 1 and 512, not " + tokens);
        }
        return new EmbeddingModel(name, onnx, tokenizer, pooling, tokens, queryPrefix);
    }

    /** How token vectors become one text vector. */
    public enum Pooling {
        CLS,
        MEAN
    }

    /** Where a model file comes from. */
    public interface Source {
        InputStream open() throws IOException;
    }

    /**
     * bge-small-en-v1.5, int8-quantised (SciFact nDCG@10 0.713 published), used as its authors
     * evaluated it: reading up to {@value #DEFAULT_MAX_TOKENS} tokens of title + abstract, with
     * their retrieval instruction before queries. README.md, "Search quality", has what each choice
     * is worth on each collection (256 tokens: SciFact hybrid 0.727 against 0.731; the instruction:
     * +0.02 semantic on short queries, -0.003 on SciFact's claims). Reading 512 tokens is slower
     * (about 20 arXiv papers/s on 2 cores against 27), which the first pass ({@link #firstPass})
     * makes up for: every paper has a quick vector within minutes.
     */
    public static EmbeddingModel bgeSmallInt8() {
        return new EmbeddingModel(
                "bge-small-en-v1.5-q",
                classpath("/bge-small-en-v1.5-q.onnx"),
                classpath("/bge-small-en-v1.5-q-tokenizer.json"),
                Pooling.CLS,
                DEFAULT_MAX_TOKENS,
                BGE_INSTRUCTION);
    }

    /**
     * A model in a directory: {@code model.onnx} and {@code tokenizer.json}; mean pooling unless
     * the directory name says bge/gte (CLS). {@value #DEFAULT_MAX_TOKENS} tokens.
     */
    public static EmbeddingModel fromDirectory(Path dir) {
        Path model = dir.resolve("model.onnx");
        Path tokenizer = dir.resolve("tokenizer.json");
        if (!Files.isRegularFile(model) || !Files.isRegularFile(tokenizer)) {
            throw new IllegalArgumentException(dir + " must hold model.onnx and tokenizer.json");
        }
        String name = dir.getFileName().toString();
        boolean cls = name.toLowerCase(Locale.ROOT).matches(".*(bge|gte).*");
        return new EmbeddingModel(
                name,
                () -> Files.newInputStream(model),
                () -> Files.newInputStream(tokenizer),
                cls ? Pooling.CLS : Pooling.MEAN,
                DEFAULT_MAX_TOKENS,
                "");
    }

    private static Source classpath(String resource) {
        return () -> {
            InputStream in = EmbeddingModel.class.getResourceAsStream(resource);
            if (in == null) {
                throw new UncheckedIOException(
                        new IOException("model file " + resource + " is not on the class path"));
            }
            return in;
        };
    }
}
