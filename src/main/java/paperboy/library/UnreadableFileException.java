package paperboy.library;

/** A library file that cannot be read at all; the message says why, for the member. */
public final class UnreadableFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnreadableFileException(String message) {
        super(message);
    }
}
