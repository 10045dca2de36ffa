package paperboy.search;

import java.time.LocalDate;
import java.util.List;
import paperboy.catalog.Paper;

/**
 * What the index keeps of one document: a catalog paper, or a document of an evaluation
 * collection (which has no authors, categories or dates).
 */
record IndexedText(String id, String title, String body, List<String> authors, List<String> categories,
                   LocalDate announced, boolean hasCode, float[] vector) {

    /** @param vector the paper's embedding, or {@code null} while it has none */
    static IndexedText of(Paper paper, float[] vector) {
        return new IndexedText(paper.id().id(), paper.title(), paper.abstractText(), paper.authors(),
                paper.categories(), paper.announced(), paper.codeUrl() != null, vector);
    }

    IndexedText withVector(float[] v) {
        return new IndexedText(id, title, body, authors, categories, announced, hasCode, v);
    }

    /** Title and body as one text, the way embedding models and BM25 "flat" read a document. */
    String titleAndBody() {
        return title.isEmpty() ? body : body.isEmpty() ? title : title + ". " + body;
    }
}
