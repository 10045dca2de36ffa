package paperboy.ingest;

import org.jspecify.annotations.Nullable;

/**
 * One input record cannot be imported. {@link #reason()} is a short label the report counts by
 * ("malformed JSON", "invalid id"); {@link #getMessage()} adds the detail a user needs to fix it.
 */
final class RejectedRecord extends Exception {
    private final String reason;
    private final String message;

    RejectedRecord(String reason, @Nullable String detail) {
        super(message(reason, detail), null, false, false);
        this.reason = reason;
        this.message = message(reason, detail);
    }

    private static String message(String reason, @Nullable String detail) {
        return detail == null || detail.isBlank() ? reason : reason + ": " + detail;
    }

    /** The reason with its detail: never {@code null}, unlike a Throwable's in general. */
    @Override
    public String getMessage() {
        return message;
    }

    String reason() {
        return reason;
    }
}
