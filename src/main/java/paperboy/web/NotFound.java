package paperboy.web;

/** Nothing at this address (an unknown paper): answered with 404 and this message. */
final class NotFound extends RuntimeException {
    NotFound(String message) {
        super(message, null, false, false);
    }
}
