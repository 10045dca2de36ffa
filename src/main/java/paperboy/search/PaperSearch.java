package paperboy.search;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.jspecify.annotations.Nullable;
import paperboy.catalog.ArxivId;
import paperboy.catalog.AuthorKey;
import paperboy.catalog.CatalogStore;
import paperboy.catalog.VectorStore;

/**
 * Search over the catalog: the front door of this package. The index lives in its own directory, is
 * derived from the catalog (papers and their stored embeddings) and can be rebuilt at any time.
 * Thread-safe for searches; run {@link #catchUp} and {@link #rebuild} from one thread.
 */
public final class PaperSearch implements AutoCloseable {
    /** How many hits a page may ask for. */
    public static final int MAX_LIMIT = 100;

    /** How deep a result list may be paged. */
    public static final int MAX_OFFSET = 1000;

    /** Which legs answer a query. */
    public enum Mode {
        HYBRID,
        LEXICAL,
        SEMANTIC;

        /** Parses {@code hybrid}, {@code lexical} or {@code semantic}, any case. */
        public static Mode parse(String text) {
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "mode must be hybrid, lexical or semantic, not '" + text + "'");
            }
        }
    }

    private final SearchIndex index;
    private final Indexer indexer;
    private final LexicalQueries queries;
    private final LexicalSearch lexical;
    private final SemanticSearch semantic;
    private final HybridSearch hybrid;
    private final Analysis analysis;
    private final Highlighter highlighter;
    private final FacetCounter facets;
    private final Spelling spelling;
    private final @Nullable EmbeddingModel model;
    private final int modelThreads;
    private @Nullable Embedder
            embedder; // loaded on the first semantic query: lexical use never pays for it

    /**
     * Recent query vectors by query text: the next page of a search, a facet click or a feed
     * reader's poll asks the same words again, and embedding is a fifth of a search's CPU.
     */
    private final Map<String, float[]> queryVectors =
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                    return size() > QUERY_VECTORS_KEPT;
                }
            };

    static final int QUERY_VECTORS_KEPT = 1000;

    /**
     * Similar papers of recently shown papers, by paper id, with the index version they were found
     * in: a paper page is read far more often than the index changes, and finding them by words
     * (while vectors are partial or off) is a few milliseconds, most of a page's time.
     */
    private final Map<String, KeptSimilar> similarKept =
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, KeptSimilar> eldest) {
                    return size() > SIMILAR_KEPT;
                }
            };

    static final int SIMILAR_KEPT = 4096;

    private record KeptSimilar(long indexVersion, int limit, List<SearchHit> hits) {}

    private PaperSearch(
            SearchIndex index,
            CatalogStore catalog,
            VectorStore vectors,
            @Nullable EmbeddingModel model,
            int modelThreads) {
        this.analysis = new Analysis();
        this.index = index;
        this.highlighter = new Highlighter(analysis);
        this.facets = new FacetCounter(index);
        this.spelling = new Spelling(index, analysis, catalog);
        this.model = model;
        this.modelThreads = modelThreads;
        EmbeddingModel firstPass = model == null ? null : model.firstPass();
        this.indexer =
                new Indexer(
                        catalog,
                        vectors,
                        model == null ? null : model.key(),
                        firstPass == null ? null : firstPass.key(),
                        index);
        this.queries = new LexicalQueries(analysis, Ranking.DEFAULT);
        this.lexical = new LexicalSearch(index, queries, analysis);
        this.semantic = new SemanticSearch(index, queries, Ranking.DEFAULT.floor());
        this.hybrid = new HybridSearch(lexical, semantic, Ranking.DEFAULT);
    }

    /**
     * Opens (or creates) the index in {@code dir}, following {@code catalog}. An index built from
     * another catalog, with another model or in another layout is emptied here, with a warning, and
     * rebuilt by the next {@link #catchUp}.
     *
     * @param model the embedding model of the semantic leg, or {@code null} for lexical search only
     */
    public static PaperSearch open(
            Path dir,
            CatalogStore catalog,
            VectorStore vectors,
            @Nullable EmbeddingModel model,
            int modelThreads) {
        SearchIndex index = SearchIndex.open(dir, new Analysis());
        try {
            PaperSearch search = new PaperSearch(index, catalog, vectors, model, modelThreads);
            search.indexer.checkBasis(); // never search an index built from something else
            return search;
        } catch (RuntimeException e) {
            index.close();
            throw e;
        }
    }

    /** Brings the index up to the catalog's latest change; returns papers applied. */
    public long catchUp(LongConsumer progress) {
        return indexer.catchUp(progress, () -> false);
    }

    /**
     * {@link #catchUp(LongConsumer)} that ends early, after the batch it is committing, once {@code
     * stop} says so: a process that stops mid catch-up closes a consistent index without waiting
     * for the rest (the next start goes on from there).
     */
    public long catchUp(LongConsumer progress, BooleanSupplier stop) {
        return indexer.catchUp(progress, stop);
    }

    /**
     * Drops the index and builds it again from the catalog and stored vectors; returns papers
     * indexed.
     */
    public long rebuild(LongConsumer progress) {
        index.clear(); // fails with a clear message when another process holds the index
        return indexer.catchUp(progress, () -> false);
    }

    /**
     * {@link #search(SearchQuery, Mode, int, int)} in hybrid mode (lexical when there is no model).
     */
    public List<SearchHit> search(SearchQuery query, int offset, int limit) {
        return search(query, defaultMode(), offset, limit);
    }

    /** Hybrid when there is a model, else lexical. */
    public Mode defaultMode() {
        return model == null ? Mode.LEXICAL : Mode.HYBRID;
    }

    /**
     * Searches with a query parsed once by {@link QuerySyntax#parse}, which accepts any text.
     *
     * @throws IllegalArgumentException when offset or limit are out of range, or semantic search is
     *     asked of an index without a model
     */
    public List<SearchHit> search(SearchQuery q, Mode mode, int offset, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException(
                    "limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        if (offset < 0 || offset > MAX_OFFSET) {
            throw new IllegalArgumentException(
                    "offset must be between 0 and " + MAX_OFFSET + ", not " + offset);
        }
        if (mode != Mode.LEXICAL && model == null) {
            throw new IllegalArgumentException(
                    "semantic search needs an embedding model; this index has none");
        }
        int depth = offset + limit;
        String meaning = q.freeText().strip();
        List<SearchHit> hits;
        if (mode == Mode.LEXICAL || meaning.isEmpty()) {
            hits = lexical.top(q, depth); // filters alone, or nothing to embed: the lexical listing
        } else if (mode == Mode.SEMANTIC) {
            hits = semantic.top(q, queryVector(meaning), depth);
        } else if (queries.scoring(q) == null) {
            // Only stop words or symbols for the lexical leg: its filter listing must not swamp the
            // meaning.
            hits = semantic.top(q, queryVector(meaning), depth);
        } else {
            hits = hybrid.top(q, queryVector(meaning), depth);
        }
        return hits.size() <= offset ? List.of() : hits.subList(offset, hits.size());
    }

    /**
     * The hybrid hits (best {@code limit}) that also contain most of the query's words (see {@link
     * LexicalQueries#matching}). For topic alerts: the semantic leg always has nearest neighbours,
     * wanted or not, and an alert must not mail papers that merely sit nearest to a topic the
     * period has nothing on. A query of filters alone ({@code cat:math.NA}) lists what they select.
     */
    public List<SearchHit> matching(SearchQuery q, int limit) {
        Query words = queries.matching(q);
        if (words == null) {
            return queries.filter(q) == null ? List.of() : search(q, 0, limit);
        }
        List<SearchHit> hits = search(q, 0, MAX_LIMIT);
        if (hits.isEmpty()) {
            return hits;
        }
        Query containing =
                new BooleanQuery.Builder()
                        .add(words, Occur.MUST)
                        .add(
                                new TermInSetQuery(
                                        SearchFields.ID,
                                        hits.stream().map(h -> new BytesRef(h.id())).toList()),
                                Occur.FILTER)
                        .build();
        Set<String> matched =
                index.withSearcher(
                        searcher -> {
                            Set<String> ids = new HashSet<>();
                            var stored = searcher.storedFields();
                            for (var d : searcher.search(containing, hits.size()).scoreDocs) {
                                ids.add(stored.document(d.doc).get(SearchFields.ID));
                            }
                            return ids;
                        });
        return hits.stream().filter(h -> matched.contains(h.id())).limit(limit).toList();
    }

    /**
     * Counts of the papers that match the query (most of its words, see {@link
     * LexicalQueries#matching}, and its filters) by category (a paper counts in each of its
     * categories, as {@code cat:} selects it), largest first, and by year, newest first, and how
     * many of them have code; a filter-only query counts what it selects.
     */
    public Facets facets(SearchQuery q) {
        Query scoring = queries.matching(q);
        Query filter = queries.filter(q);
        if (scoring == null && filter == null) {
            return new Facets(Map.of(), Map.of(), 0, 0);
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        if (scoring != null) {
            b.add(scoring, Occur.MUST);
        }
        if (filter != null) {
            b.add(filter, Occur.FILTER);
        }
        Query all = b.build();
        Query matched = index.withSearcher(searcher -> Visible.only(all, searcher));
        FacetCounter.Facets counted = facets.count(matched);
        Query withCode =
                new BooleanQuery.Builder()
                        .add(matched, Occur.MUST)
                        .add(new TermQuery(new Term(SearchFields.HAS, "code")), Occur.FILTER)
                        .build();
        long codeCount = index.withSearcher(searcher -> (long) searcher.count(withCode));
        return new Facets(counted.categories(), counted.years(), counted.total(), codeCount);
    }

    /** Facet counts of a query: see {@link #facets(SearchQuery)}. */
    public record Facets(
            Map<String, Long> categories, Map<Integer, Long> years, long matches, long withCode) {}

    /** How results are ordered. */
    public enum Order {
        /** Best match first (the mode's ranking). */
        RELEVANCE,
        /** Newest announcement first, among the papers that match (see {@link #searchByDate}). */
        NEWEST;

        /**
         * Parses {@code relevance}, or {@code date} (also {@code newest} and {@code publishedAt},
         * Hugging Face's name), any case.
         */
        public static Order parse(String text) {
            return switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "relevance" -> RELEVANCE;
                case "date", "newest", "publishedat" -> NEWEST;
                default ->
                        throw new IllegalArgumentException(
                                "sort must be relevance or date (publishedAt), not '" + text + "'");
            };
        }
    }

    /**
     * The papers that match the query, newest announcement first (equal days by id, newest first):
     * the papers {@link #facets} counts, that is most of the query's words, every phrase, {@code
     * title:} and {@code author:} part, and the filters; a filter-only query lists what the filters
     * select. No relevance is computed (hits score 0), whatever the mode.
     *
     * @throws IllegalArgumentException when offset or limit are out of range
     */
    public List<SearchHit> searchByDate(SearchQuery q, int offset, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException(
                    "limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        if (offset < 0 || offset > MAX_OFFSET) {
            throw new IllegalArgumentException(
                    "offset must be between 0 and " + MAX_OFFSET + ", not " + offset);
        }
        List<SearchHit> hits = lexical.newest(q, offset + limit);
        return hits.size() <= offset ? List.of() : hits.subList(offset, hits.size());
    }

    /**
     * The papers of the author called {@code name}, newest announcement first (equal days by id,
     * newest first), hidden papers left out. The name is matched whole, after NFC normalisation and
     * case folding ({@link AuthorKey#of}): "Wei Wang" finds neither "Wang Wei" nor "Wei Wang Jr",
     * which an {@code author:} search (words of a name) would.
     *
     * @throws IllegalArgumentException when offset or limit are out of range
     */
    public AuthorPapers byAuthor(String name, int offset, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException(
                    "limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, not " + offset);
        }
        String key = AuthorKey.of(name);
        return key.isEmpty()
                ? new AuthorPapers(List.of(), 0)
                : lexical.byAuthor(key, offset, limit);
    }

    /** A page of an author's papers and how many the author has in all. */
    public record AuthorPapers(List<SearchHit> hits, int total) {
        public AuthorPapers {
            hits = List.copyOf(hits);
        }
    }

    /**
     * A query as typed, with its misspelled words corrected (see {@link Spelling}): plain words
     * that no title or abstract holds, replaced by the nearest word the papers use. Quoted phrases,
     * excluded words and filters stay as typed.
     *
     * @param text the corrected query text, to search with and to show ("Showing results for")
     * @param query {@code text} parsed
     * @param corrected the words put in, in order
     */
    public record Correction(String text, SearchQuery query, List<String> corrected) {
        public Correction {
            corrected = List.copyOf(corrected);
        }
    }

    /** {@code typed} with its misspelled words corrected; empty when it has none. */
    public Optional<Correction> correction(String typed) {
        return spelling.correct(typed)
                .map(c -> new Correction(c.text(), QuerySyntax.parse(c.text()), c.words()));
    }

    /**
     * What highlights the query's words in titles and abstracts: the query's terms are analysed
     * once, then applied to every text of a page.
     */
    public Highlighting highlighting(SearchQuery q) {
        Set<String> terms = Set.copyOf(analysis.terms(SearchFields.TEXT, q.freeText()));
        return text -> highlighter.highlight(text, terms);
    }

    /**
     * Splits a text (a title or abstract) into plain and highlighted segments for one query's
     * words.
     */
    @FunctionalInterface
    public interface Highlighting {
        List<Segment> apply(String text);
    }

    /**
     * Papers nearest in meaning to {@code paperId} (by its stored embedding), itself excluded.
     * While embedding is partial the nearest embedded papers are the best of a few: they are fused
     * with the papers that share the most distinctive words with its title and abstract ({@link
     * LexicalSearch#similar}), as a search is (see {@link HybridSearch}); a paper without a vector
     * gets those alone.
     */
    public List<SearchHit> similar(ArxivId paperId, String text, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException(
                    "limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        String id = paperId.withoutVersion().id();
        long version = index.version();
        KeptSimilar kept;
        synchronized (similarKept) {
            kept = similarKept.get(id);
        }
        if (kept != null && kept.indexVersion() == version && kept.limit() == limit) {
            return kept.hits();
        }
        List<SearchHit> found = similarNow(id, text, limit);
        synchronized (similarKept) {
            similarKept.put(id, new KeptSimilar(version, limit, found));
        }
        return found;
    }

    private List<SearchHit> similarNow(String id, String text, int limit) {
        float[] vector = indexer.vectorsOf(List.of(id)).get(id);
        List<SearchHit> hits;
        if (vector != null && semantic.coverage() >= 1) {
            hits = semantic.near(vector, id, limit + 1);
        } else {
            hits =
                    vector == null
                            ? lexical.similar(text, limit + 1)
                            : hybrid.fuse(
                                    lexical.similar(text, HybridSearch.FUSION_DEPTH),
                                    semantic.near(vector, id, HybridSearch.FUSION_DEPTH),
                                    limit + 1);
        }
        return hits.stream().filter(h -> !h.id().equals(id)).limit(limit).toList();
    }

    // Query text, parsed here: for callers with one query and one call (the CLI, alerts, tests).
    // A page that searches, counts facets and highlights parses once and passes the SearchQuery.

    /** {@link #search(SearchQuery, int, int)} of {@code query} parsed. */
    public List<SearchHit> search(String query, int offset, int limit) {
        return search(QuerySyntax.parse(query), offset, limit);
    }

    /** {@link #search(SearchQuery, Mode, int, int)} of {@code query} parsed. */
    public List<SearchHit> search(String query, Mode mode, int offset, int limit) {
        return search(QuerySyntax.parse(query), mode, offset, limit);
    }

    /** {@link #matching(SearchQuery, int)} of {@code query} parsed. */
    public List<SearchHit> matching(String query, int limit) {
        return matching(QuerySyntax.parse(query), limit);
    }

    /** {@link #facets(SearchQuery)} of {@code query} parsed. */
    public Facets facets(String query) {
        return facets(QuerySyntax.parse(query));
    }

    /** {@code text} split into plain and highlighted segments for the words of {@code query}. */
    public List<Segment> highlight(String query, String text) {
        return highlighting(QuerySyntax.parse(query)).apply(text);
    }

    /** Whether this index has an embedding model: searches then rank by meaning too. */
    public boolean semantic() {
        return model != null;
    }

    /** Drops the kept query vectors (benchmarks measure queries as if never seen). */
    public void forgetQueryVectors() {
        synchronized (queryVectors) {
            queryVectors.clear();
        }
    }

    private float[] queryVector(String meaning) {
        synchronized (queryVectors) {
            float[] known = queryVectors.get(meaning);
            if (known != null) {
                return known;
            }
        }
        float[] vector =
                embedder().embedQuery(meaning); // outside the lock: queries embed in parallel
        synchronized (queryVectors) {
            queryVectors.put(meaning, vector);
        }
        return vector;
    }

    /** The model for query vectors, loaded on the first semantic query. */
    private synchronized Embedder embedder() {
        if (model == null) {
            throw new IllegalStateException("this search has no embedding model");
        }
        Embedder loaded = embedder;
        if (loaded == null) {
            loaded = new Embedder(model, modelThreads);
            embedder = loaded;
        }
        return loaded;
    }

    /** Papers in the index. */
    public int documents() {
        return index.documents();
    }

    /** Papers in the index with a vector of its model: those the semantic leg can find. */
    public int embeddedDocuments() {
        return index.vectorDocuments();
    }

    /** False when another process (a running serve) holds the index and keeps it current. */
    public boolean writable() {
        return index.writable();
    }

    /** The catalog change the index has reached. */
    public long indexedSeq() {
        return index.indexedSeq();
    }

    @Override
    public synchronized void close() {
        if (embedder != null) {
            embedder.close();
        }
        index.close();
    }
}
