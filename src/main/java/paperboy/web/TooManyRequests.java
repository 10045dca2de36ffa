package paperboy.web;

/** A client over one of its limits: answered 429 with Retry-After and the message. */
final class TooManyRequests extends RuntimeException {
    private final String heading;
    private final long retryAfterSeconds;

    TooManyRequests(String heading, String message, long retryAfterSeconds) {
        super(message, null, false, false); // an answer, not a failure: no stack trace to fill
        this.heading = heading;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    String heading() {
        return heading;
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
