package paperboy.ingest.arxiv;

import java.net.URI;
import java.util.OptionalInt;

/**
 * arXiv gave no usable answer to a request: it could not be reached, kept failing after the
 * retries, refused the request (a 4xx status), or the wait was interrupted. The message says which
 * URL, what happened and after how many attempts; the cause, when there is one, is kept.
 *
 * <p>A harvest that fails with this exception has saved its checkpoint after the last complete
 * page: running it again continues from there.
 */
public class ArxivUnavailableException extends RuntimeException {
    private final URI uri;
    private final int attempts;
    private final int status;

    /**
     * @param uri the URL asked
     * @param problem what happened, e.g. {@code "HTTP 503 Service Unavailable"}
     * @param attempts how many requests were made
     * @param status the last HTTP status, 0 when no response came
     * @param cause the last underlying error, may be {@code null}
     */
    public ArxivUnavailableException(
            URI uri, String problem, int attempts, int status, Throwable cause) {
        super(
                "arXiv is unavailable: GET "
                        + uri
                        + " failed after "
                        + attempts
                        + (attempts == 1 ? " attempt: " : " attempts: ")
                        + problem,
                cause);
        this.uri = uri;
        this.attempts = attempts;
        this.status = status;
    }

    public URI uri() {
        return uri;
    }

    public int attempts() {
        return attempts;
    }

    /**
     * The last HTTP status arXiv answered with; empty when no response came (connection errors).
     */
    public OptionalInt status() {
        return status == 0 ? OptionalInt.empty() : OptionalInt.of(status);
    }
}
