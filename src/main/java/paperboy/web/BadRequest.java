package paperboy.web;

import org.jspecify.annotations.Nullable;

/** A request parameter that cannot be served: answered with 400 and this message. */
final class BadRequest extends RuntimeException {
    /** {@code message} comes from a parser's exception too, whose message may be {@code null}. */
    BadRequest(@Nullable String message) {
        super(message, null, false, false);
    }
}
