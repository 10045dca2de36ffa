package paperboy.catalog;

import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/** The catalog database failed; the message names the operation, the cause has the SQL details. */
public class CatalogException extends RuntimeException {
    /**
     * H2's code for "Database is already closed" by its own shutdown hook: the JVM is stopping
     * (embedded H2 needs that hook for its auto-server, so it runs beside Paperboy's own).
     */
    private static final int H2_CLOSED_AT_SHUTDOWN = 90121;

    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether {@code failure} only means that the JVM is stopping and closed the embedded catalog
     * under a background task: a normal stop, not an error to report.
     */
    public static boolean closedByShutdown(@Nullable Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == H2_CLOSED_AT_SHUTDOWN) {
                return true;
            }
        }
        return false;
    }
}
