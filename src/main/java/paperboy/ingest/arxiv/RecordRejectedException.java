package paperboy.ingest.arxiv;

/**
 * A record that cannot become a {@link paperboy.catalog.Paper}; the message is the reason, for the
 * harvest report. Checked, so every caller decides what a bad record means for it.
 */
final class RecordRejectedException extends Exception {
    RecordRejectedException(String reason) {
        super(reason);
    }

    RecordRejectedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
