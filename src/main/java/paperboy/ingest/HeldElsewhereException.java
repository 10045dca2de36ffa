package paperboy.ingest;

import java.time.Instant;

/** Another process holds the catalog's harvest; look again at {@link #lookAgainAt}. */
public final class HeldElsewhereException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Instant lookAgainAt;

    public HeldElsewhereException(String message, Instant lookAgainAt) {
        super(message, null, false, false);
        this.lookAgainAt = lookAgainAt;
    }

    /** When the holder's lease runs out unless it renews it: a dead holder's job is free then. */
    public Instant lookAgainAt() {
        return lookAgainAt;
    }
}
