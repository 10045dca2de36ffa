package paperboy.ingest.arxiv;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reading arXiv's HTTP answers for {@link PoliteHttpClient}: bodies, Retry-After, error text.
 * Stateless.
 */
final class HttpAnswers {
    private static final Logger LOG = LoggerFactory.getLogger(PoliteHttpClient.class);
    private static final int MAX_BODY_IN_MESSAGE = 200;

    private HttpAnswers() {}

    /**
     * The wait a {@code Retry-After} header asks for, in seconds or as an HTTP-date; empty when
     * none is usable.
     */
    static Optional<Duration> retryAfter(HttpResponse<?> response) {
        Optional<String> header = response.headers().firstValue("Retry-After").map(String::strip);
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String value = header.get();
        if (value.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
        }
        try {
            // The other form HTTP allows: an HTTP-date.
            ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration until = Duration.between(Instant.now(), at.toInstant());
            return Optional.of(until.isNegative() ? Duration.ZERO : until);
        } catch (DateTimeParseException e) {
            LOG.warn("arXiv sent an unreadable Retry-After '{}'; backing off instead", value);
            return Optional.empty();
        }
    }

    /** The body, gzip undone when the server used it. */
    static byte[] body(URI uri, HttpResponse<byte[]> response) {
        boolean gzip =
                response.headers()
                        .firstValue("Content-Encoding")
                        .map(v -> v.strip().equalsIgnoreCase("gzip"))
                        .orElse(false);
        if (!gzip) {
            return response.body();
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ArxivResponseException(uri, "the gzip-encoded body is broken", null, e);
        }
    }

    /** The start of an error body, for the message; arXiv explains refusals there. */
    static String snippet(HttpResponse<byte[]> response) {
        byte[] body = response.body();
        if (body == null
                || body.length == 0
                || response.headers().firstValue("Content-Encoding").isPresent()) {
            return "";
        }
        String text =
                new String(
                                body,
                                0,
                                Math.min(body.length, MAX_BODY_IN_MESSAGE * 4),
                                StandardCharsets.UTF_8)
                        .replaceAll("\\s+", " ")
                        .strip();
        return ": "
                + (text.length() > MAX_BODY_IN_MESSAGE
                        ? text.substring(0, MAX_BODY_IN_MESSAGE) + "..."
                        : text);
    }

    /** The exception and its causes in one line: a ConnectException alone says nothing. */
    static String describe(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null && text.length() < 300; t = t.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                text.append(" (").append(t.getMessage()).append(')');
            }
        }
        return text.toString();
    }
}
