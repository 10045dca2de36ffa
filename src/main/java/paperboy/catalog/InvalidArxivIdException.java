package paperboy.catalog;

/** Thrown when text is not an arXiv identifier; the message says what is wrong, for users. */
public class InvalidArxivIdException extends IllegalArgumentException {
    public InvalidArxivIdException(String message) {
        super(message);
    }
}
