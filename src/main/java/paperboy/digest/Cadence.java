package paperboy.digest;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Locale;
import paperboy.daily.Period;

/** How often a digest goes out: each weekday (arXiv announces Monday to Friday) or each Monday. */
public enum Cadence {
    DAILY,
    WEEKLY;

    public static Cadence parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(
                    "cadence must be daily or weekly, not '" + text + "'");
        }
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a digest of this cadence goes out on {@code day}. */
    public boolean sendsOn(LocalDate day) {
        DayOfWeek d = day.getDayOfWeek();
        return this == DAILY
                ? d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY
                : d == DayOfWeek.MONDAY;
    }

    /**
     * The period a digest sent on {@code day} covers: for daily, the latest feed day before it
     * ({@code latestFeedDay}); for weekly, the ISO week before.
     */
    public Period periodFor(LocalDate day, LocalDate latestFeedDay) {
        return this == DAILY ? new Period.Day(latestFeedDay) : Period.Week.of(day.minusDays(7));
    }
}
