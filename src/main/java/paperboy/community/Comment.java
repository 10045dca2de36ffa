package paperboy.community;

import java.time.Instant;

/** A comment as pages show it; {@code markdown} is what the member wrote. */
public record Comment(long id, String paperId, long memberId, String memberName, String markdown, Instant createdAt,
                      Instant editedAt, boolean hidden) {
}
