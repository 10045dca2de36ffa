package paperboy.web;

import org.jspecify.annotations.Nullable;

/**
 * Nothing at this address (an unknown paper, a page past the end of a list): answered with 404 and
 * this message, and a link onwards when there is somewhere better to go.
 */
final class NotFound extends RuntimeException {
    private final Views.@Nullable Link onwards;

    NotFound(String message) {
        this(message, null);
    }

    NotFound(String message, Views.@Nullable Link onwards) {
        super(message, null, false, false);
        this.onwards = onwards;
    }

    /** Where to go instead, if known. */
    Views.@Nullable Link onwards() {
        return onwards;
    }
}
