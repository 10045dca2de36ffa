package paperboy.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Marks the words of a text that match a query, by running the text through the same analysis as
 * the index: "Fixed-Point" is marked for the query "fixed points". Returns plain segments, so pages
 * escape them like any other text (a title holding HTML stays text). Thread-safe.
 */
final class Highlighter {
    private final Analyzer analyzer;

    Highlighter(Analysis analysis) {
        this.analyzer = analysis.indexAnalyzer();
    }

    /** Splits {@code text} into alternating plain and highlighted segments. */
    List<Segment> highlight(String text, Set<String> queryTerms) {
        List<Segment> segments = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return segments;
        }
        int written = 0;
        try (TokenStream stream = analyzer.tokenStream(SearchFields.TEXT, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                if (!queryTerms.contains(term.toString()) || offset.startOffset() < written) {
                    continue;
                }
                if (offset.startOffset() > written) {
                    segments.add(new Segment(false, text.substring(written, offset.startOffset())));
                }
                segments.add(
                        new Segment(
                                true, text.substring(offset.startOffset(), offset.endOffset())));
                written = offset.endOffset();
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing a string cannot fail", e);
        }
        if (written < text.length()) {
            segments.add(new Segment(false, text.substring(written)));
        }
        return merge(segments);
    }

    /**
     * Joins neighbours of the same kind ("fixed" + "-" + "point" stay apart, but runs of plain text
     * merge).
     */
    private static List<Segment> merge(List<Segment> segments) {
        List<Segment> merged = new ArrayList<>(segments.size());
        for (Segment s : segments) {
            if (!merged.isEmpty() && merged.getLast().highlight() == s.highlight()) {
                merged.set(
                        merged.size() - 1,
                        new Segment(s.highlight(), merged.getLast().text() + s.text()));
            } else {
                merged.add(s);
            }
        }
        return merged;
    }
}
