package paperboy.search;

import java.io.IOException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;

/**
 * Counts the papers matching a query by category and by year, from doc values (no stored fields are
 * read). A paper counts in each of its categories, the way {@code cat:} selects it, so a category's
 * count is the number of results of the query with that category added. Thread-safe.
 */
final class FacetCounter {
    private final SearchIndex index;

    FacetCounter(SearchIndex index) {
        this.index = index;
    }

    /** Facet counts: per category (largest first) and per year (newest first). */
    record Facets(Map<String, Long> categories, Map<Integer, Long> years, long total) {}

    Facets count(Query matching) {
        return index.withSearcher(
                searcher ->
                        searcher.search(
                                matching,
                                new CollectorManager<Counting, Facets>() {
                                    @Override
                                    public Counting newCollector() {
                                        return new Counting();
                                    }

                                    @Override
                                    public Facets reduce(Collection<Counting> collectors) {
                                        Map<String, Long> categories = new TreeMap<>();
                                        Map<Integer, Long> years =
                                                new TreeMap<>(Comparator.reverseOrder());
                                        long total = 0;
                                        for (Counting c : collectors) {
                                            c.categories.forEach(
                                                    (k, v) -> categories.merge(k, v, Long::sum));
                                            c.years.forEach((k, v) -> years.merge(k, v, Long::sum));
                                            total += c.total;
                                        }
                                        Map<String, Long> byCount = new LinkedHashMap<>();
                                        categories.entrySet().stream()
                                                .sorted(
                                                        Map.Entry.<String, Long>comparingByValue()
                                                                .reversed()
                                                                .thenComparing(
                                                                        Map.Entry.comparingByKey()))
                                                .forEach(
                                                        e -> byCount.put(e.getKey(), e.getValue()));
                                        return new Facets(byCount, years, total);
                                    }
                                }));
    }

    /**
     * Counts of one search slice; merged by the manager. Per segment it counts category ordinals
     * and years in arrays, and turns ordinals into names once at the segment's end: looking a name
     * up per matching paper cost a quarter of a search page's time.
     */
    private static final class Counting implements Collector {
        /** Years covered by the per-segment array; others (none in arXiv) go to a map. */
        private static final int FIRST_YEAR = 1980;

        private static final int YEARS = 80;

        final Map<String, Long> categories = new HashMap<>();
        final Map<Integer, Long> years = new HashMap<>();
        long total;

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
            SortedSetDocValues category =
                    DocValues.getSortedSet(context.reader(), SearchFields.CATEGORY_NAME);
            NumericDocValues year = DocValues.getNumeric(context.reader(), SearchFields.YEAR);
            long[] byOrd = new long[(int) Math.max(0, category.getValueCount())];
            long[] byYear = new long[YEARS];
            return new LeafCollector() {
                @Override
                public void setScorer(Scorable scorer) {}

                @Override
                public void collect(int doc) throws IOException {
                    total++;
                    if (category.advanceExact(doc)) {
                        for (int i = category.docValueCount(); i > 0; i--) {
                            byOrd[(int) category.nextOrd()]++;
                        }
                    }
                    if (year.advanceExact(doc)) {
                        int y = (int) year.longValue();
                        if (y >= FIRST_YEAR && y < FIRST_YEAR + YEARS) {
                            byYear[y - FIRST_YEAR]++;
                        } else {
                            years.merge(y, 1L, Long::sum);
                        }
                    }
                }

                @Override
                public void finish() throws IOException {
                    for (int ord = 0; ord < byOrd.length; ord++) {
                        if (byOrd[ord] > 0) {
                            categories.merge(
                                    category.lookupOrd(ord).utf8ToString(), byOrd[ord], Long::sum);
                        }
                    }
                    for (int i = 0; i < YEARS; i++) {
                        if (byYear[i] > 0) {
                            years.merge(FIRST_YEAR + i, byYear[i], Long::sum);
                        }
                    }
                }
            };
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }
}
