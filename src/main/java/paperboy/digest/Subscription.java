package paperboy.digest;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Who gets what, how often. {@code alerts} are saved searches in the query syntax of search; {@code
 * categories} are arXiv categories whose new papers are included; {@code recommended}: a member's
 * "Recommended for you" part, when the address is a member's.
 */
public record Subscription(
        long id,
        String email,
        Cadence cadence,
        int trendingTop,
        List<String> alerts,
        List<String> categories,
        boolean recommended,
        String secret,
        @Nullable Instant confirmedAt,
        @Nullable Instant unsubscribedAt,
        @Nullable Instant pausedAt) {

    /** Confirmed, and neither unsubscribed nor paused. */
    public boolean active() {
        return confirmedAt != null && unsubscribedAt == null && pausedAt == null;
    }
}
