package paperboy.ingest;

/** An import could not go on (the catalog failed, a file broke off); the message says which. */
public class ImportException extends RuntimeException {
    public ImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
