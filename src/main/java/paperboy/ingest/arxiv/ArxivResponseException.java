package paperboy.ingest.arxiv;

import java.net.URI;
import java.util.Optional;

/**
 * arXiv answered, but not with something usable: an OAI-PMH error such as {@code badArgument} (an
 * unknown set, say) or {@code cannotDisseminateFormat}, or a body that is not the expected XML.
 * Asking again the same way will not help; the message says what to fix.
 */
public class ArxivResponseException extends RuntimeException {
    private final URI uri;
    private final String oaiErrorCode;

    /**
     * @param uri the URL asked
     * @param problem what is wrong with the answer
     * @param oaiErrorCode the OAI-PMH error code, {@code null} when the answer was not an OAI-PMH
     *     error
     * @param cause the parse error, may be {@code null}
     */
    public ArxivResponseException(URI uri, String problem, String oaiErrorCode, Throwable cause) {
        super("arXiv's answer to " + uri + " cannot be used: " + problem, cause);
        this.uri = uri;
        this.oaiErrorCode = oaiErrorCode;
    }

    public URI uri() {
        return uri;
    }

    /** The OAI-PMH error code (e.g. {@code badArgument}), when arXiv answered with one. */
    public Optional<String> oaiErrorCode() {
        return Optional.ofNullable(oaiErrorCode);
    }
}
