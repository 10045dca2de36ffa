package paperboy.catalog;

/** The catalog database failed; the message names the operation, the cause has the SQL details. */
public class CatalogException extends RuntimeException {
    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }
}
