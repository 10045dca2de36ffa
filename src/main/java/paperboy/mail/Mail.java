package paperboy.mail;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One message to send: plain text always, HTML optionally (then sent as multipart/alternative), and
 * extra headers such as {@code List-Unsubscribe}.
 */
public record Mail(
        String to,
        String subject,
        String text,
        @Nullable String html,
        Map<String, String> headers) {
    public Mail {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        headers = Map.copyOf(headers);
    }

    /** A plain-text message without extra headers. */
    public static Mail plain(String to, String subject, String text) {
        return new Mail(to, subject, text, null, Map.of());
    }
}
