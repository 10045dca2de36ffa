package paperboy.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.LuceneLevenshteinDistance;
import org.apache.lucene.search.spell.SuggestMode;
import org.apache.lucene.search.spell.SuggestWord;
import org.jspecify.annotations.Nullable;
import paperboy.catalog.CatalogStore;
import paperboy.catalog.Paper;

/**
 * Corrects the misspelled words of a query. A plain word (not quoted, excluded or a filter's value)
 * is misspelled when no title or abstract holds its stem and no author is called so; it is replaced
 * by the indexed stem nearest to its own stem: one edit (a transposition counts as one) for words
 * of five to seven letters, two for longer ones, the fewest edits first and among those the stem in
 * most papers. Shorter words, words with digits or symbols, and words with nothing near enough are
 * left as typed: a nonsense word stays nonsense rather than becoming an unrelated short word.
 * Thread-safe.
 *
 * <p>The index holds stems ("oversmooth", "convolut"), which are no words to show a reader. The
 * word shown is read from the titles and abstracts of a few papers that hold the suggested stem:
 * the typed word's ending on it when the papers write that form ("oversmothing" stems to
 * "oversmoth": "oversmooth" + "ing"), so the reader sees their own inflection, else the stem's most
 * frequent form there ("convolutonal" becomes "convolutional", not "convolut" + "al"). An unstemmed
 * field in the index would answer the same without the catalog, but every paper would pay for it in
 * index size and every existing index would be rebuilt, for a lookup only a misspelled query makes
 * (a handful of rows by id).
 */
final class Spelling {
    /** Shorter words are not corrected: too many real words lie one edit from a short one. */
    static final int MIN_WORD_LENGTH = 5;

    /** Words (stems) of this length and longer may be two edits from their correction. */
    static final int TWO_EDITS_LENGTH = 8;

    /** Papers read for the usual form of a suggested stem. */
    private static final int SURFACE_PAPERS = 10;

    private static final int CANDIDATES = 10;

    /**
     * A word in at most one paper per this many may be a typo that some abstract shares ("nueral"
     * is in a few of the 93,656): it is corrected when a word as near is in {@link #MORE_POPULAR}
     * times as many papers. On a small index only words in no paper are corrected.
     */
    static final int RARE_PER_PAPERS = 30_000;

    static final int MORE_POPULAR = 100;

    private final SearchIndex index;
    private final Analysis analysis;
    private final CatalogStore catalog;
    private final DirectSpellChecker checker = new DirectSpellChecker();

    Spelling(SearchIndex index, Analysis analysis, CatalogStore catalog) {
        this.index = index;
        this.analysis = analysis;
        this.catalog = catalog;
        checker.setMaxEdits(2);
        checker.setMinQueryLength(MIN_WORD_LENGTH - 1); // a stem may be a letter shorter
        checker.setDistance(new LuceneLevenshteinDistance()); // counts a transposition once
        checker.setAccuracy(0.5f); // the length rule in best() decides
        // No minimum of papers: on a small index a real word may be in one paper only (this part
        // of the sample has one paper with "oversmoothing"); among suggestions as near, the one in
        // most papers wins, so a typo in one abstract loses to the word it misspells.
    }

    /** A corrected query text: {@code typed} with its misspelled plain words replaced. */
    record Corrected(String text, List<String> words) {}

    /** {@code typed} with its misspelled words corrected; empty when none is. */
    Optional<Corrected> correct(String typed) {
        List<QuerySyntax.Span> all = QuerySyntax.plainWords(typed);
        // The lexical leg reads no more words than this; each costs an index and catalog lookup.
        List<QuerySyntax.Span> spans =
                all.subList(0, Math.min(all.size(), LexicalQueries.MAX_TERMS));
        if (spans.isEmpty()) {
            return Optional.empty();
        }
        return index.withSearcher(
                searcher -> {
                    StringBuilder text = new StringBuilder(typed);
                    List<String> corrected = new ArrayList<>();
                    // Backwards, so the spans before a replacement keep their offsets.
                    for (QuerySyntax.Span span : spans.reversed()) {
                        String token = typed.substring(span.start(), span.end());
                        int from = 0;
                        int to = token.length();
                        while (from < to && !Character.isLetter(token.charAt(from))) {
                            from++;
                        }
                        while (to > from && !Character.isLetter(token.charAt(to - 1))) {
                            to--;
                        }
                        String word = token.substring(from, to);
                        String fix = correction(word, searcher);
                        if (fix != null) {
                            text.replace(span.start() + from, span.start() + to, fix);
                            corrected.addFirst(fix);
                        }
                    }
                    return corrected.isEmpty()
                            ? Optional.empty()
                            : Optional.of(new Corrected(text.toString(), corrected));
                });
    }

    /** The correction of one word as it should be shown; {@code null} to keep it. */
    private @Nullable String correction(String word, IndexSearcher searcher) throws IOException {
        if (word.length() < MIN_WORD_LENGTH || !word.chars().allMatch(Character::isLetter)) {
            return null;
        }
        List<String> stems = analysis.terms(SearchFields.TEXT, word);
        if (stems.size() != 1) {
            return null; // a stop word, or a word the tokenizer splits
        }
        String stem = stems.getFirst();
        IndexReader reader = searcher.getIndexReader();
        int papers = reader.docFreq(new Term(SearchFields.TEXT, stem));
        if (papers > reader.numDocs() / RARE_PER_PAPERS
                || reader.docFreq(new Term(SearchFields.AUTHORS, word.toLowerCase(Locale.ROOT)))
                        > 0) {
            return null; // known: never "correct" a word the papers use
        }
        String best = best(stem, papers, reader);
        if (best == null) {
            return null;
        }
        String shown = surface(word, stem, best, searcher);
        if (shown == null) {
            return null;
        }
        return Character.isUpperCase(word.charAt(0))
                ? Character.toUpperCase(shown.charAt(0)) + shown.substring(1)
                : shown;
    }

    /** The indexed stem to use for {@code stem}: fewest edits, then most papers; or none. */
    private @Nullable String best(String stem, int papers, IndexReader reader) throws IOException {
        int allowed = stem.length() >= TWO_EDITS_LENGTH ? 2 : 1;
        SuggestWord[] suggestions =
                checker.suggestSimilar(
                        new Term(SearchFields.TEXT, stem),
                        CANDIDATES,
                        reader,
                        papers == 0
                                ? SuggestMode.SUGGEST_WHEN_NOT_IN_INDEX
                                : SuggestMode.SUGGEST_MORE_POPULAR);
        return java.util.Arrays.stream(suggestions)
                .filter(s -> edits(stem, s.string) <= allowed)
                .filter(s -> papers == 0 || s.freq >= (long) papers * MORE_POPULAR)
                .min(
                        Comparator.comparingInt((SuggestWord s) -> edits(stem, s.string))
                                .thenComparing(
                                        Comparator.comparingInt((SuggestWord s) -> s.freq)
                                                .reversed())
                                .thenComparing(s -> s.string))
                .map(s -> s.string)
                .orElse(null);
    }

    /**
     * The word to show for the indexed stem {@code best}, from a few papers that hold it: the typed
     * word's ending on it when they write that form, else its most frequent form there; {@code
     * null} when they have none (its papers are gone from the catalog).
     */
    private @Nullable String surface(String word, String stem, String best, IndexSearcher searcher)
            throws IOException {
        ScoreDoc[] docs =
                searcher.search(new TermQuery(new Term(SearchFields.TEXT, best)), SURFACE_PAPERS)
                        .scoreDocs;
        List<String> ids = new ArrayList<>();
        var stored = searcher.storedFields();
        for (ScoreDoc d : docs) {
            ids.add(stored.document(d.doc).get(SearchFields.ID));
        }
        Map<String, Integer> forms = new HashMap<>();
        for (Paper p : catalog.findAll(ids).values()) {
            countForms(p.title() + ". " + p.abstractText(), best, forms);
        }
        // The typed ending on the new stem only when the papers write it so: a stem that is a
        // truncation makes words that stem right but are none ("convolutonal" -> "convolut" +
        // "al").
        String lower = word.toLowerCase(Locale.ROOT);
        if (lower.startsWith(stem) && forms.containsKey(best + lower.substring(stem.length()))) {
            return best + lower.substring(stem.length());
        }
        return forms.entrySet().stream()
                .min(
                        Map.Entry.<String, Integer>comparingByValue()
                                .reversed()
                                .thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey)
                .orElse(null);
    }

    /** Counts the forms (lower case, as written) that {@code stem} has in {@code text}. */
    private void countForms(String text, String stem, Map<String, Integer> forms) {
        try (TokenStream stream = analysis.indexAnalyzer().tokenStream(SearchFields.TEXT, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                if (stem.contentEquals(term)) {
                    String form =
                            text.substring(offset.startOffset(), offset.endOffset())
                                    .toLowerCase(Locale.ROOT);
                    if (form.chars().allMatch(Character::isLetter)) {
                        forms.merge(form, 1, Integer::sum);
                    }
                }
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing a string cannot fail", e);
        }
    }

    /**
     * Edits between two words, a transposition of neighbours counting as one (optimal string
     * alignment), as the spell checker's automaton counts them.
     */
    static int edits(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] =
                        Math.min(
                                Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1
                        && j > 1
                        && a.charAt(i - 1) == b.charAt(j - 2)
                        && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
