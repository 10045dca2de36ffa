package paperboy.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * A retrieval test collection in the BEIR layout: {@code corpus.jsonl[.gz]} ({@code _id, title,
 * text}), {@code queries.jsonl[.gz]} ({@code _id, text}) and {@code qrels/test.tsv} ({@code
 * query-id, corpus-id, score} with a header). Only queries with judgments are kept.
 */
record BeirCollection(
        List<IndexedText> documents,
        Map<String, String> queries,
        Map<String, Map<String, Integer>> judgments) {
    private static final Pattern TAB = Pattern.compile("\t");

    static BeirCollection read(Path dir) {
        ObjectMapper json = new ObjectMapper();
        Map<String, Map<String, Integer>> qrels =
                readQrels(dir.resolve("qrels").resolve("test.tsv"));
        List<IndexedText> docs = new ArrayList<>();
        forEachLine(
                firstExisting(dir, "corpus.jsonl"),
                line -> {
                    JsonNode d = json.readTree(line);
                    docs.add(
                            new IndexedText(
                                    d.path("_id").asText(),
                                    d.path("title").asText(""),
                                    d.path("text").asText(""),
                                    List.of(),
                                    List.of(),
                                    null,
                                    false,
                                    false,
                                    null));
                });
        Map<String, String> queries = new LinkedHashMap<>();
        forEachLine(
                firstExisting(dir, "queries.jsonl"),
                line -> {
                    JsonNode q = json.readTree(line);
                    String id = q.path("_id").asText();
                    if (qrels.containsKey(id)) {
                        queries.put(id, q.path("text").asText(""));
                    }
                });
        return new BeirCollection(List.copyOf(docs), queries, qrels);
    }

    private static Map<String, Map<String, Integer>> readQrels(Path file) {
        Map<String, Map<String, Integer>> qrels = new HashMap<>();
        forEachLine(
                file,
                line -> {
                    String[] cols =
                            TAB.split(
                                    line,
                                    0); // limit 0: trailing empty columns are dropped, so "q\td\t"
                    // is short
                    if (cols.length < 3 || cols[0].equals("query-id")) {
                        return;
                    }
                    int score = Integer.parseInt(cols[2].strip());
                    if (score > 0) {
                        qrels.computeIfAbsent(cols[0], k -> new HashMap<>()).put(cols[1], score);
                    }
                });
        return qrels;
    }

    private static Path firstExisting(Path dir, String name) {
        Path plain = dir.resolve(name);
        Path gz = dir.resolve(name + ".gz");
        if (Files.exists(plain)) {
            return plain;
        }
        if (Files.exists(gz)) {
            return gz;
        }
        throw new IllegalArgumentException(
                dir + " is not a BEIR folder: it has no " + name + " or " + name + ".gz");
    }

    private interface LineHandler {
        void handle(String line) throws IOException;
    }

    private static void forEachLine(Path file, LineHandler handler) {
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(
                    "missing " + file + " (a BEIR folder has corpus, queries and qrels/test.tsv)");
        }
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
                BufferedReader reader =
                        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int lineNo = 0;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    handler.handle(line);
                } catch (IOException | RuntimeException e) {
                    throw new IllegalArgumentException(
                            file + ":" + lineNo + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
