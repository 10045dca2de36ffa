package paperboy.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * How text becomes terms, the same at index and query time. Titles and abstracts use English
 * analysis: the standard tokenizer splits "fixed-point" into "fixed" "point", lower-casing and
 * Porter stemming make "Fixed-Point", "fixed points" and "fixed point" the same two terms. Author
 * names are only tokenised and lower-cased (no stemming: "Hinton" must not become "hinton" + stem).
 * Analyzers are thread-safe.
 */
final class Analysis {
    private final Analyzer english = new EnglishAnalyzer();

    /** Each author is a value of its own; the gap keeps a phrase from running across two names. */
    private final Analyzer names =
            new Analyzer() {
                @Override
                protected TokenStreamComponents createComponents(String fieldName) {
                    StandardTokenizer source = new StandardTokenizer();
                    return new TokenStreamComponents(source, new LowerCaseFilter(source));
                }

                @Override
                public int getPositionIncrementGap(String fieldName) {
                    return 100;
                }
            };

    private final Analyzer perField =
            new PerFieldAnalyzerWrapper(english, Map.of(SearchFields.AUTHORS, names));

    /** The analyzer for an {@code IndexWriter}. */
    Analyzer indexAnalyzer() {
        return perField;
    }

    /** A term and its position; positions skip where stop words were, as in the index. */
    record Token(String term, int position) {}

    /** The terms {@code text} becomes in {@code field}. */
    List<String> terms(String field, String text) {
        return tokens(field, text).stream().map(Token::term).toList();
    }

    /** The terms with their positions, for phrases. */
    List<Token> tokens(String field, String text) {
        List<Token> tokens = new ArrayList<>();
        try (TokenStream stream = perField.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment =
                    stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            int position = -1;
            while (stream.incrementToken()) {
                position += increment.getPositionIncrement();
                tokens.add(new Token(term.toString(), position));
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing a string cannot fail", e);
        }
        return tokens;
    }
}
