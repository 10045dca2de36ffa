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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Known-item retrieval collections built from an arXiv metadata snapshot (the JSON-lines format of
 * arXiv's bulk metadata, gzipped parts allowed), so defaults are chosen on more than SciFact. A
 * fixed random sample of {@value #DOCUMENTS} papers (seed {@value #SEED}) is the corpus; the first
 * {@value #QUERIES} of them (in the sample's order) give one query each, whose one relevant
 * document is the paper itself:
 *
 * <ul>
 *   <li>{@code titles}: the query is the paper's title; the documents are abstracts without their
 *       titles (short queries against passages, the way readers search).
 *   <li>{@code sentences}: the query is the abstract's first sentence; the documents are title +
 *       the rest of the abstract (a described need against titled papers).
 * </ul>
 */
final class ArxivCollections {
    static final int DOCUMENTS = 4000;
    static final int QUERIES = 300;
    static final long SEED = 7;

    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=[A-Z])");

    private ArxivCollections() {}

    private record Entry(String id, String title, String abstractText) {}

    static BeirCollection build(Path dir, String task) {
        if (!task.equals("titles") && !task.equals("sentences")) {
            throw new IllegalArgumentException(
                    "the arXiv task must be titles or sentences, not '" + task + "'");
        }
        List<Entry> all = read(dir);
        Collections.shuffle(all, new Random(SEED));
        List<Entry> sample = all.subList(0, Math.min(DOCUMENTS, all.size()));
        List<IndexedText> docs = new ArrayList<>();
        Map<String, String> queries = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> judgments = new LinkedHashMap<>();
        for (Entry r : sample) {
            String title = r.title();
            String body = r.abstractText();
            String query = null;
            if (task.equals("titles")) {
                query = title;
                title = "";
            } else {
                String[] sentences = SENTENCE_END.split(body, 2);
                if (sentences.length == 2 && sentences[0].length() >= 40) {
                    query = sentences[0];
                    body = sentences[1];
                }
            }
            docs.add(
                    new IndexedText(
                            r.id(), title, body, List.of(), List.of(), null, false, false, null));
            if (query != null && queries.size() < QUERIES) {
                queries.put("q" + r.id(), query);
                judgments.put("q" + r.id(), Map.of(r.id(), 1));
            }
        }
        return new BeirCollection(List.copyOf(docs), queries, judgments);
    }

    private static List<Entry> read(Path dir) {
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files =
                    listing.filter(
                                    p ->
                                            p.getFileName().toString().endsWith(".json")
                                                    || p.getFileName().toString().endsWith(".gz"))
                            .sorted()
                            .toList();
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot list the arXiv snapshot folder " + dir + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException(dir + " holds no arXiv snapshot (*.json, *.gz)");
        }
        ObjectMapper json = new ObjectMapper();
        List<Entry> records = new ArrayList<>();
        for (Path file : files) {
            try (InputStream raw = Files.newInputStream(file);
                    InputStream in =
                            file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
                    BufferedReader reader =
                            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode n = json.readTree(line);
                    String title = clean(n.path("title").asText(""));
                    String abstractText = clean(n.path("abstract").asText(""));
                    if (!title.isEmpty() && !abstractText.isEmpty()) {
                        records.add(new Entry(n.path("id").asText(), title, abstractText));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        records.sort(java.util.Comparator.comparing(Entry::id)); // independent of file order
        return records;
    }

    private static String clean(String text) {
        return SPACES.matcher(text).replaceAll(" ").strip();
    }
}
