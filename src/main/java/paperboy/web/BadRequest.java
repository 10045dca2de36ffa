package paperboy.web;

/** A request parameter that cannot be served: answered with 400 and this message. */
final class BadRequest extends RuntimeException {
    BadRequest(String message) {
        super(message, null, false, false);
    }
}
