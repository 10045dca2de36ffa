package paperboy.search;

import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;
import paperboy.catalog.Paper;

/**
 * What the index keeps of one document: a catalog paper, or a document of an evaluation collection
 * (which has no authors, categories or dates). A class rather than a record: a record would compare
 * its vector by identity, and nothing compares these anyway.
 */
final class IndexedText {
    private final String id;
    private final String title;
    private final String body;
    private final List<String> authors;
    private final List<String> categories;
    private final @Nullable LocalDate announced;
    private final boolean hasCode;
    private final boolean hidden;
    private final float @Nullable [] vector;

    /**
     * The document's fields as given.
     *
     * @param announced {@code null} for an evaluation document
     * @param hidden a curator keeps it out of every list and every search result
     * @param vector the embedding, or {@code null} while there is none
     */
    IndexedText(
            String id,
            String title,
            String body,
            List<String> authors,
            List<String> categories,
            @Nullable LocalDate announced,
            boolean hasCode,
            boolean hidden,
            float @Nullable [] vector) {
        this.id = id;
        this.title = title;
        this.body = body;
        this.authors = authors;
        this.categories = categories;
        this.announced = announced;
        this.hasCode = hasCode;
        this.hidden = hidden;
        this.vector = vector;
    }

    /**
     * The index's text of a catalog paper.
     *
     * @param hidden a curator hid the paper
     * @param vector the paper's embedding, or {@code null} while it has none
     */
    static IndexedText of(Paper paper, boolean hidden, float @Nullable [] vector) {
        return new IndexedText(
                paper.id().id(),
                paper.title(),
                paper.abstractText(),
                paper.authors(),
                paper.categories(),
                paper.announced(),
                paper.codeUrl() != null,
                hidden,
                vector);
    }

    IndexedText withVector(float[] v) {
        return new IndexedText(id, title, body, authors, categories, announced, hasCode, hidden, v);
    }

    String id() {
        return id;
    }

    String title() {
        return title;
    }

    String body() {
        return body;
    }

    List<String> authors() {
        return authors;
    }

    List<String> categories() {
        return categories;
    }

    @Nullable LocalDate announced() {
        return announced;
    }

    boolean hidden() {
        return hidden;
    }

    boolean hasCode() {
        return hasCode;
    }

    float @Nullable [] vector() {
        return vector;
    }

    /** Title and body as one text, the way embedding models and BM25 "flat" read a document. */
    String titleAndBody() {
        return title.isEmpty() ? body : body.isEmpty() ? title : title + ". " + body;
    }
}
