package paperboy.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.jspecify.annotations.Nullable;

/**
 * Turns a {@link SearchQuery} into Lucene queries: the scoring part (BM25 over title + abstract;
 * optionally, see {@link Ranking}, title matches again with a boost and the whole query as a loose
 * phrase to reward words that stand together) and the filter part, which the semantic leg applies
 * inside its vector search too. Thread-safe.
 */
final class LexicalQueries {
    /**
     * Distinct terms a query may use; past this, more words only cost time (and Lucene caps
     * clauses).
     */
    static final int MAX_TERMS = 64;

    private static final int PROXIMITY_SLOP = 2;

    private final Analysis analysis;
    private final float titleBoost;
    private final float proximityBoost;

    LexicalQueries(Analysis analysis, Ranking ranking) {
        this.analysis = analysis;
        this.titleBoost = ranking.titleBoost();
        this.proximityBoost = ranking.proximityBoost();
    }

    /** The scoring query; {@code null} when the query has no text (filters only). */
    @Nullable Query scoring(SearchQuery q) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        Set<String> terms =
                new LinkedHashSet<>(analysis.terms(SearchFields.TEXT, String.join(" ", q.words())));
        int clauses = 0;
        for (String term : terms) {
            if (clauses++ >= MAX_TERMS) {
                break;
            }
            b.add(new TermQuery(new Term(SearchFields.TEXT, term)), Occur.SHOULD);
            if (titleBoost > 0) {
                b.add(
                        new BoostQuery(
                                new TermQuery(new Term(SearchFields.TITLE, term)), titleBoost),
                        Occur.SHOULD);
            }
        }
        List<Analysis.Token> ordered =
                analysis.tokens(SearchFields.TEXT, String.join(" ", q.words()));
        if (proximityBoost > 0 && ordered.size() >= 2 && ordered.size() <= 8) {
            b.add(
                    new BoostQuery(
                            phrase(SearchFields.TEXT, ordered, PROXIMITY_SLOP), proximityBoost),
                    Occur.SHOULD);
        }
        for (String phrase : q.phrases()) {
            Query p = textPhrase(SearchFields.TEXT, phrase);
            if (p != null) {
                b.add(p, Occur.MUST);
            }
        }
        for (String title : q.titleWords()) {
            Query p = textPhrase(SearchFields.TITLE, title);
            if (p != null) {
                b.add(p, Occur.MUST);
            }
        }
        for (String author : q.authors()) {
            Query p = textPhrase(SearchFields.AUTHORS, author);
            if (p != null) {
                b.add(p, Occur.MUST);
            }
        }
        BooleanQuery query = b.build();
        return query.clauses().isEmpty() ? null : query;
    }

    /**
     * What counts as a match in result counts and facets: papers with most of the words (all of one
     * to three, three of four, at most four of longer queries) and every quoted phrase, {@code
     * title:} and {@code author:} part. Ranking still sees any word; counting every paper with any
     * one word ("models", "for") gave numbers nobody could use, and was a third of a search page's
     * time. {@code null} when the query has no text.
     */
    @Nullable Query matching(SearchQuery q) {
        BooleanQuery scoring = (BooleanQuery) scoring(q);
        if (scoring == null) {
            return null;
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        int words = 0;
        for (String term :
                new LinkedHashSet<>(
                        analysis.terms(SearchFields.TEXT, String.join(" ", q.words())))) {
            if (words++ >= MAX_TERMS) {
                break;
            }
            b.add(new TermQuery(new Term(SearchFields.TEXT, term)), Occur.SHOULD);
        }
        if (words > 0) {
            b.setMinimumNumberShouldMatch(
                    words <= 3 ? words : Math.min(4, (int) Math.ceil(words * 0.75)));
        }
        scoring.clauses().stream()
                .filter(c -> c.occur() == Occur.MUST)
                .forEach(c -> b.add(c.query(), Occur.MUST));
        BooleanQuery query = b.build();
        return query.clauses().isEmpty() ? null : query;
    }

    /**
     * Everything a result must satisfy, including quoted phrases, {@code title:} and {@code
     * author:}: the semantic leg's filter, so both legs answer the same question.
     */
    @Nullable Query semanticFilter(SearchQuery q) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        boolean any = false;
        Query filters = filter(q);
        if (filters != null) {
            b.add(filters, Occur.FILTER);
            any = true;
        }
        List<@Nullable Query> mandatory = new ArrayList<>();
        q.phrases().forEach(p -> mandatory.add(textPhrase(SearchFields.TEXT, p)));
        q.titleWords().forEach(t -> mandatory.add(textPhrase(SearchFields.TITLE, t)));
        q.authors().forEach(a -> mandatory.add(textPhrase(SearchFields.AUTHORS, a)));
        for (Query m : mandatory) {
            if (m != null) {
                b.add(m, Occur.FILTER);
                any = true;
            }
        }
        return any ? b.build() : null;
    }

    /**
     * The filters and exclusions as one query to intersect with; {@code null} when there are none.
     */
    @Nullable Query filter(SearchQuery q) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        boolean any = false;
        if (!q.categories().isEmpty()) {
            BooleanQuery.Builder cats = new BooleanQuery.Builder();
            q.categories()
                    .forEach(
                            c ->
                                    cats.add(
                                            new TermQuery(new Term(SearchFields.CATEGORY, c)),
                                            Occur.SHOULD));
            b.add(cats.build(), Occur.FILTER);
            any = true;
        }
        Integer fromYear = q.fromYear();
        if (fromYear != null) {
            int toYear = Objects.requireNonNull(q.toYear(), "a year range has both ends");
            b.add(IntPoint.newRangeQuery(SearchFields.YEAR, fromYear, toYear), Occur.FILTER);
            any = true;
        }
        if (q.after() != null || q.before() != null) {
            long from = q.after() == null ? Long.MIN_VALUE : q.after().toEpochDay();
            long to = q.before() == null ? Long.MAX_VALUE : q.before().toEpochDay();
            b.add(LongPoint.newRangeQuery(SearchFields.ANNOUNCED, from, to), Occur.FILTER);
            any = true;
        }
        if (q.hasCode()) {
            b.add(new TermQuery(new Term(SearchFields.HAS, "code")), Occur.FILTER);
            any = true;
        }
        for (String excluded : q.excluded()) {
            Query p = textPhrase(SearchFields.TEXT, excluded);
            if (p != null) {
                b.add(p, Occur.MUST_NOT);
                any = true;
            }
        }
        if (!any) {
            return null;
        }
        b.add(
                MatchAllDocsQuery.INSTANCE,
                Occur.FILTER); // a query of only MUST_NOT clauses matches nothing
        return b.build();
    }

    /**
     * A phrase of the analysed text in {@code field}; a single term query for one term; null for
     * none.
     */
    private @Nullable Query textPhrase(String field, String text) {
        List<Analysis.Token> tokens = analysis.tokens(field, text);
        if (tokens.isEmpty()) {
            return null;
        }
        return tokens.size() == 1
                ? new TermQuery(new Term(field, tokens.getFirst().term()))
                : phrase(field, tokens.subList(0, Math.min(tokens.size(), MAX_TERMS)), 0);
    }

    /** A phrase keeping the analysed positions, so a removed stop word still counts as a gap. */
    private static Query phrase(String field, List<Analysis.Token> tokens, int slop) {
        PhraseQuery.Builder p = new PhraseQuery.Builder();
        p.setSlop(slop);
        for (Analysis.Token token : tokens) {
            p.add(new Term(field, token.term()), token.position());
        }
        return p.build();
    }
}
