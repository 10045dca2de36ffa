package paperboy.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import paperboy.daily.Period;

/**
 * The one way the site's pages write a date: "1 Jul 2026" (day, short month, year), in English,
 * whatever the reader's locale; a time of day, where one matters (the audit log), is added in UTC.
 * Templates wrap a date in {@code <time datetime="2026-07-01">} through {@code tag/date.jte}. Feeds
 * and the API keep their standards (RFC 3339, RFC 822, ISO 8601). Stateless.
 */
public final class Dates {
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_AND_MONTH =
            DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    private Dates() {}

    /** "1 Jul 2026". */
    public static String day(LocalDate day) {
        // What DAY formats, written out: every card shows a date, and the formatter's general
        // machinery showed in a list page's profile.
        if (day.getYear() < 1000 || day.getYear() > 9999) {
            return day.format(DAY);
        }
        return day.getDayOfMonth() + " " + MONTHS[day.getMonthValue() - 1] + " " + day.getYear();
    }

    private static final String[] MONTHS = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
    };

    /** The UTC day of {@code instant}, as {@link #day(LocalDate)}. */
    public static LocalDate utcDay(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** "1 Jul 2026, 22:00 UTC": a day and a time, for records where the hour matters. */
    public static String dayAndTime(Instant instant) {
        return day(utcDay(instant)) + ", " + instant.atZone(ZoneOffset.UTC).format(TIME) + " UTC";
    }

    /**
     * A period as pages name it: a day as {@link #day(LocalDate)} ("1 Jul 2026"), a week with its
     * days ("week 27 of 2026, 29 Jun – 5 Jul 2026"), a month by name ("July 2026").
     */
    public static String period(Period period) {
        return switch (period) {
            case Period.Day d -> day(d.day());
            case Period.Week w -> {
                LocalDate last = w.end().minusDays(1);
                yield "week "
                        + w.week()
                        + " of "
                        + w.weekBasedYear()
                        + ", "
                        + (w.start().getYear() == last.getYear()
                                ? w.start().format(DAY_AND_MONTH)
                                : day(w.start()))
                        + " – "
                        + day(last);
            }
            case Period.Month m -> m.label();
        };
    }
}
