package paperboy.search;

import java.util.Locale;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.BytesRef;
import paperboy.catalog.AuthorKey;

/** Builds the Lucene document of an {@link IndexedText}. Stateless. */
final class Documents {
    private Documents() {}

    static Document of(IndexedText t) {
        Document doc = new Document();
        doc.add(new StringField(SearchFields.ID, t.id(), Field.Store.YES));
        doc.add(
                new SortedDocValuesField(
                        SearchFields.ID, new BytesRef(t.id()))); // the tie-break of equal scores
        doc.add(new TextField(SearchFields.TEXT, t.titleAndBody(), Field.Store.NO));
        doc.add(new TextField(SearchFields.TITLE, t.title(), Field.Store.NO));
        for (String author : t.authors()) {
            doc.add(new TextField(SearchFields.AUTHORS, author, Field.Store.NO));
            doc.add(new StringField(SearchFields.AUTHOR_KEY, AuthorKey.of(author), Field.Store.NO));
        }
        for (String category : t.categories()) {
            doc.add(
                    new SortedSetDocValuesField(
                            SearchFields.CATEGORY_NAME, new BytesRef(category)));
            doc.add(
                    new StringField(
                            SearchFields.CATEGORY,
                            category.toLowerCase(Locale.ROOT),
                            Field.Store.NO));
        }
        if (t.announced() != null) {
            long day = t.announced().toEpochDay();
            doc.add(new LongPoint(SearchFields.ANNOUNCED, day));
            doc.add(new NumericDocValuesField(SearchFields.ANNOUNCED, day));
            doc.add(new IntPoint(SearchFields.YEAR, t.announced().getYear()));
            doc.add(new NumericDocValuesField(SearchFields.YEAR, t.announced().getYear()));
        }
        if (t.vector() != null) {
            // Unit vectors: the dot product is the cosine, and the cheapest comparison.
            doc.add(
                    new KnnFloatVectorField(
                            SearchFields.VECTOR, t.vector(), VectorSimilarityFunction.DOT_PRODUCT));
        }
        if (t.hasCode()) {
            doc.add(new StringField(SearchFields.HAS, "code", Field.Store.NO));
        }
        if (t.hidden()) {
            doc.add(new StringField(SearchFields.LISTING, Visible.HIDDEN, Field.Store.NO));
        }
        return doc;
    }
}
