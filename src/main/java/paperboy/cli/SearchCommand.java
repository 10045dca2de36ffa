package paperboy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import paperboy.Paperboy;
import paperboy.app.Instance;
import paperboy.catalog.ArxivId;
import paperboy.catalog.CatalogStore;
import paperboy.catalog.Paper;
import paperboy.config.Settings;
import paperboy.search.EmbeddingStatus;
import paperboy.search.PaperSearch;
import paperboy.search.QuerySyntax;
import paperboy.search.SearchHit;
import paperboy.search.SearchIndexes;
import paperboy.search.SearchQuery;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code paperboy search "QUERY"}: search the catalog from the command line. */
// picocli sets the injected fields (@Spec, @ParentCommand, @Mixin, required or defaulted
// options and parameters) reflectively before call(): a third-party boundary NullAway cannot see.
@SuppressWarnings("NullAway.Init")
@Command(
        name = "search",
        mixinStandardHelpOptions = true,
        description = {
            "Searches the catalog (the index catches up with the catalog first).",
            "Syntax: words, \"quoted phrases\", -excluded, author:NAME, title:WORDS, cat:cs.LG,",
            "year:2024 or year:2020-2023, after:2025-01-01, before:2025-06-30, has:code.",
            "Modes: hybrid (default: keyword and meaning matches fused), lexical (BM25 only),"
                    + " semantic",
            "(embeddings only; covers the papers embedded so far, see `paperboy embed`). With",
            "search.model=none every mode is lexical. Quote the whole query for the shell when it",
            "holds quotes: paperboy search 'author:\"geoffrey hinton\" capsules'",
            "Misspelled words (plain words no title or abstract uses, one or two letters from one",
            "that is used) are corrected; the corrected query is named on stderr. Quoted phrases,",
            "-excluded words and filters are never changed; --no-correct searches exactly as typed."
        })
public final class SearchCommand implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @ParentCommand private Paperboy root;

    @Parameters(
            paramLabel = "QUERY",
            arity = "1..*",
            description = "The query; several words are joined.")
    private List<String> query;

    @Option(
            names = "--mode",
            paramLabel = "MODE",
            defaultValue = "hybrid",
            description = "hybrid, lexical or semantic (default ${DEFAULT-VALUE}).")
    private String mode;

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "10",
            description = "Results to show, 1-100 (default ${DEFAULT-VALUE}).")
    private int limit;

    @Option(
            names = "--offset",
            paramLabel = "N",
            defaultValue = "0",
            description = "Results to skip (default ${DEFAULT-VALUE}).")
    private int offset;

    @Option(
            names = "--sort",
            paramLabel = "ORDER",
            defaultValue = "relevance",
            description =
                    "relevance (default) or date: the papers with most of the words (and every"
                            + " phrase and filter), newest first, whatever the mode.")
    private String sort;

    @Option(
            names = "--no-correct",
            description = "Search exactly the words typed: do not correct misspelled ones.")
    private boolean exact;

    @Option(
            names = "--json",
            description =
                    "Print a JSON array of results: id, title, summary, authors, published,"
                            + " categories, codeUrl, score.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        PaperSearch.Mode searchMode;
        try {
            searchMode = PaperSearch.Mode.parse(mode);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--mode: " + e.getMessage());
        }
        if (limit < 1
                || limit > PaperSearch.MAX_LIMIT
                || offset < 0
                || offset > PaperSearch.MAX_OFFSET) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--limit must be 1-"
                            + PaperSearch.MAX_LIMIT
                            + " and --offset 0-"
                            + PaperSearch.MAX_OFFSET);
        }
        PaperSearch.Order order;
        try {
            order = PaperSearch.Order.parse(sort);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--sort: " + e.getMessage());
        }
        Settings settings = root.settings(Map.of());
        List<Map<String, Object>> results = new ArrayList<>();
        EmbeddingStatus.Coverage reach = null; // of a semantic search
        try (Instance instance = Instance.of(settings)) {
            PaperSearch search = instance.searchUpToDate();
            CatalogStore catalog = instance.catalog();
            if (searchMode != PaperSearch.Mode.LEXICAL && SearchIndexes.model(settings) == null) {
                searchMode =
                        PaperSearch.Mode
                                .LEXICAL; // search.model=none: keyword search is all there is
            }
            String typed = String.join(" ", query);
            PaperSearch.Correction correction =
                    exact ? null : search.correction(typed).orElse(null);
            SearchQuery searched =
                    correction == null ? QuerySyntax.parse(typed) : correction.query();
            if (correction != null) {
                // stderr: --json keeps printing a plain array of results on stdout
                spec.commandLine()
                        .getErr()
                        .println(
                                "Showing results for: "
                                        + correction.text()
                                        + "  (--no-correct searches exactly what was typed)");
            }
            List<SearchHit> hits =
                    order == PaperSearch.Order.NEWEST
                            ? search.searchByDate(searched, offset, limit)
                            : search.search(searched, searchMode, offset, limit);
            for (SearchHit hit : hits) {
                catalog.find(ArxivId.of(hit.id())).ifPresent(p -> results.add(row(p, hit.score())));
            }
            if (searchMode == PaperSearch.Mode.SEMANTIC && order != PaperSearch.Order.NEWEST) {
                reach = instance.embedding().coverage();
            }
        }
        if (reach != null && !reach.complete()) {
            // on stderr: --json output stays a plain array
            spec.commandLine().getErr().println(semanticReach(reach));
            if (reach.embedded() == 0 && results.isEmpty() && !json) {
                return 0; // "no papers match" would be wrong: there is nothing to match yet
            }
        }
        if (json) {
            spec.commandLine().getOut().println(new ObjectMapper().writeValueAsString(results));
            return 0;
        }
        if (results.isEmpty()) {
            spec.commandLine()
                    .getOut()
                    .println("No papers match. Try fewer words, or drop a filter.");
        }
        int rank = offset;
        for (Map<String, Object> r : results) {
            spec.commandLine()
                    .getOut()
                    .printf(
                            "%2d. %s  %s%n    %s (%s)%s%n",
                            ++rank,
                            r.get("id"),
                            r.get("title"),
                            authorsLine(r),
                            r.get("published"),
                            order == PaperSearch.Order.NEWEST // no score: ordered by date
                                    ? ""
                                    : String.format("  score %.3f", (Double) r.get("score")));
        }
        return 0;
    }

    /** What a semantic search says while not every paper has an embedding. */
    static String semanticReach(EmbeddingStatus.Coverage reach) {
        return reach.embedded() == 0
                ? "paperboy: no paper has an embedding yet; embeddings are still being computed"
                        + " (by a running serve, or run paperboy embed). Until then --mode hybrid"
                        + " or lexical finds papers by their words."
                : String.format(
                        Locale.ROOT,
                        "paperboy: semantic search covers %,d of %,d papers so far; the rest have"
                                + " no embedding yet.",
                        reach.embedded(),
                        reach.papers());
    }

    private static Map<String, Object> row(Paper p, double score) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", p.id().id());
        row.put("title", p.title());
        row.put("summary", p.abstractText());
        row.put("authors", p.authors());
        row.put("published", p.announced().toString());
        row.put("categories", p.categories());
        row.put("codeUrl", p.codeUrl());
        row.put("score", Math.round(score * 10000) / 10000.0);
        return row;
    }

    private static String authorsLine(Map<String, Object> r) {
        @SuppressWarnings("unchecked")
        List<String> authors =
                (List<String>) Objects.requireNonNull(r.get("authors"), "row() puts the authors");
        return authors.size() <= 3
                ? String.join(", ", authors)
                : String.join(", ", authors.subList(0, 3)) + " et al.";
    }
}
