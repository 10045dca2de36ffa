package paperboy.web;

/**
 * A request the reader may not make: 401 when not signed in, 403 when signed in without the right.
 */
final class Forbidden extends RuntimeException {
    private final int status;

    Forbidden(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
