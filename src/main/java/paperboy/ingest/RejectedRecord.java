package paperboy.ingest;

/**
 * One input record cannot be imported. {@link #reason()} is a short label the report counts by
 * ("malformed JSON", "invalid id"); {@link #getMessage()} adds the detail a user needs to fix it.
 */
final class RejectedRecord extends Exception {
    private final String reason;

    RejectedRecord(String reason, String detail) {
        super(detail == null || detail.isBlank() ? reason : reason + ": " + detail, null, false, false);
        this.reason = reason;
    }

    String reason() {
        return reason;
    }
}
