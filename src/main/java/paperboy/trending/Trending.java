package paperboy.trending;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import paperboy.daily.DailyPapers;
import paperboy.daily.FeedRow;
import paperboy.daily.ListedPaper;
import paperboy.daily.TrendingScore;

/**
 * The trending list: papers fresh in the last {@value #WINDOW_DAYS} days, by {@link TrendingScore},
 * with the age counted from the newest day in the catalog (so an instance whose harvest paused
 * still has a list). Recomputed at most once a minute: the score moves by the day, and reading a
 * month of rows per request would be wasteful. Thread-safe.
 */
public final class Trending {
    public static final int WINDOW_DAYS = 30;
    static final Duration RECOMPUTE_AFTER = Duration.ofMinutes(1);

    private final DailyPapers daily;
    private final Clock clock;
    private volatile @Nullable Snapshot snapshot; // null until the first use and after invalidate()

    private record Snapshot(Instant at, @Nullable LocalDate today, List<FeedRow> ranked) {}

    /** A list that reads {@code daily}'s rows on first use. */
    public Trending(DailyPapers daily, Clock clock) {
        this.daily = daily;
        this.clock = clock;
    }

    /** The papers ranked {@code offset + 1} to {@code offset + limit}. */
    public List<ListedPaper> top(int offset, int limit) {
        List<FeedRow> ranked = current().ranked();
        if (offset >= ranked.size()) {
            return List.of();
        }
        return daily.withPapers(ranked.subList(offset, Math.min(ranked.size(), offset + limit)));
    }

    /** How many papers the list has. */
    public int size() {
        return current().ranked().size();
    }

    /** The day ages are counted from; {@code null} for an empty catalog. */
    public @Nullable LocalDate asOf() {
        return current().today();
    }

    /** Forgets the cached ranking (after a vote, in tests). */
    public void invalidate() {
        snapshot = null;
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        Instant now = clock.instant();
        if (s == null || s.at().plus(RECOMPUTE_AFTER).isBefore(now)) {
            LocalDate today = daily.latestDay().orElse(null);
            List<FeedRow> ranked = new ArrayList<>();
            if (today != null) {
                ranked.addAll(daily.rows(today.minusDays(WINDOW_DAYS - 1), today.plusDays(1)));
                ranked.sort(DailyPapers.byTrending(today));
            }
            s = new Snapshot(now, today, List.copyOf(ranked));
            snapshot = s;
        }
        return s;
    }
}
