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
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;

/**
 * Counts the papers matching a query by primary category and by year, from doc values (no stored
 * fields are read). Thread-safe.
 */
final class FacetCounter {
    private final SearchIndex index;

    FacetCounter(SearchIndex index) {
        this.index = index;
    }

    /** Facet counts: {@code category} (largest first) and {@code year} (newest first). */
    record Facets(Map<String, Long> categories, Map<Integer, Long> years, long total) {
    }

    Facets count(Query matching) {
        return index.withSearcher(searcher -> searcher.search(matching, new CollectorManager<Counting, Facets>() {
            @Override
            public Counting newCollector() {
                return new Counting();
            }

            @Override
            public Facets reduce(Collection<Counting> collectors) {
                Map<String, Long> categories = new TreeMap<>();
                Map<Integer, Long> years = new TreeMap<>(Comparator.reverseOrder());
                long total = 0;
                for (Counting c : collectors) {
                    c.categories.forEach((k, v) -> categories.merge(k, v, Long::sum));
                    c.years.forEach((k, v) -> years.merge(k, v, Long::sum));
                    total += c.total;
                }
                Map<String, Long> byCount = new LinkedHashMap<>();
                categories.entrySet().stream()
                        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                        .forEach(e -> byCount.put(e.getKey(), e.getValue()));
                return new Facets(byCount, years, total);
            }
        }));
    }

    /** Counts of one search slice; merged by the manager. */
    private static final class Counting implements Collector {
        final Map<String, Long> categories = new HashMap<>();
        final Map<Integer, Long> years = new HashMap<>();
        long total;

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
            SortedDocValues primary = DocValues.getSorted(context.reader(), SearchFields.PRIMARY_CATEGORY);
            NumericDocValues year = DocValues.getNumeric(context.reader(), SearchFields.YEAR);
            return new LeafCollector() {
                @Override
                public void setScorer(Scorable scorer) {
                }

                @Override
                public void collect(int doc) throws IOException {
                    total++;
                    if (primary.advanceExact(doc)) {
                        categories.merge(primary.lookupOrd(primary.ordValue()).utf8ToString(), 1L, Long::sum);
                    }
                    if (year.advanceExact(doc)) {
                        years.merge((int) year.longValue(), 1L, Long::sum);
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
