package paperboy.community;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A comment as pages show it; {@code markdown} is what the member wrote, {@code html} its safe
 * rendering ({@link Markdown}), {@code editedAt} null when never edited.
 */
public record Comment(
        long id,
        String paperId,
        long memberId,
        String memberName,
        String markdown,
        String html,
        Instant createdAt,
        @Nullable Instant editedAt,
        boolean hidden) {}
