package paperboy.daily;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stretch of feed days a list covers: one day, an ISO week (Monday to Sunday) or a calendar
 * month. Days are arXiv announcement days (America/New_York).
 */
public sealed interface Period {
    /** First day covered. */
    LocalDate start();

    /** The day after the last day covered. */
    LocalDate end();

    /** The same kind of period just before. */
    Period previous();

    /** The same kind of period just after. */
    Period next();

    /** The site path of its list, e.g. {@code /papers/week/2026-W27}. */
    String path();

    /** How pages name it, e.g. "Week 27 of 2026 (29 Jun – 5 Jul)". */
    String label();

    /**
     * Its value in URLs and the API, e.g. {@code 2026-06-30}, {@code 2026-W27}, {@code 2026-06}.
     */
    String key();

    /**
     * arXiv began in 1991; years far outside its life are refused before date arithmetic overflows.
     */
    static <T> T checkYear(int year, T value) {
        if (year < 1900 || year > 9999) {
            throw new IllegalArgumentException(
                    "the year must be between 1900 and 9999, not " + year);
        }
        return value;
    }

    record Day(LocalDate day) implements Period {
        private static final DateTimeFormatter LABEL =
                DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);

        /**
         * Parses a day written like 2026-06-30.
         *
         * @throws IllegalArgumentException unless {@code text} is a date like 2026-06-30
         */
        public static Day parse(String text) {
            try {
                LocalDate day = LocalDate.parse(text.strip());
                return new Day(Period.checkYear(day.getYear(), day));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(
                        "date must look like 2026-06-30, not '" + text + "'");
            }
        }

        @Override
        public LocalDate start() {
            return day;
        }

        @Override
        public LocalDate end() {
            return day.plusDays(1);
        }

        @Override
        public Period previous() {
            return new Day(day.minusDays(1));
        }

        @Override
        public Period next() {
            return new Day(day.plusDays(1));
        }

        @Override
        public String path() {
            return "/papers/date/" + day;
        }

        @Override
        public String label() {
            return day.format(LABEL);
        }

        @Override
        public String key() {
            return day.toString();
        }
    }

    record Week(int weekBasedYear, int week) implements Period {
        private static final Pattern FORMAT = Pattern.compile("(\\d{4})-W(\\d{1,2})");
        private static final DateTimeFormatter SHORT =
                DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

        public Week {
            int weeks =
                    (int)
                            LocalDate.of(weekBasedYear, 6, 1)
                                    .range(IsoFields.WEEK_OF_WEEK_BASED_YEAR)
                                    .getMaximum();
            if (week < 1 || week > weeks) {
                throw new IllegalArgumentException(
                        weekBasedYear + " has weeks 1 to " + weeks + ", not " + week);
            }
        }

        /**
         * Parses an ISO week written like 2026-W27.
         *
         * @throws IllegalArgumentException unless {@code text} is an ISO week like 2026-W27
         */
        public static Week parse(String text) {
            Matcher m = FORMAT.matcher(text.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException(
                        "week must look like 2026-W27 (ISO week), not '" + text + "'");
            }
            return new Week(
                    checkYear(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(1))),
                    Integer.parseInt(m.group(2)));
        }

        public static Week of(LocalDate day) {
            return new Week(
                    day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        }

        @Override
        public LocalDate start() {
            return LocalDate.of(weekBasedYear, 6, 1)
                    .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
                    .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        }

        @Override
        public LocalDate end() {
            return start().plusDays(7);
        }

        @Override
        public Period previous() {
            return of(start().minusDays(7));
        }

        @Override
        public Period next() {
            return of(start().plusDays(7));
        }

        @Override
        public String path() {
            return "/papers/week/" + key();
        }

        @Override
        public String label() {
            return "Week "
                    + week
                    + " of "
                    + weekBasedYear
                    + " ("
                    + start().format(SHORT)
                    + " – "
                    + end().minusDays(1).format(SHORT)
                    + ")";
        }

        @Override
        public String key() {
            return String.format(Locale.ROOT, "%d-W%02d", weekBasedYear, week);
        }
    }

    record Month(YearMonth month) implements Period {
        private static final DateTimeFormatter LABEL =
                DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);

        /**
         * Parses a month written like 2026-06.
         *
         * @throws IllegalArgumentException unless {@code text} is a month like 2026-06
         */
        public static Month parse(String text) {
            try {
                YearMonth month = YearMonth.parse(text.strip());
                return new Month(Period.checkYear(month.getYear(), month));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(
                        "month must look like 2026-06, not '" + text + "'");
            }
        }

        @Override
        public LocalDate start() {
            return month.atDay(1);
        }

        @Override
        public LocalDate end() {
            return month.plusMonths(1).atDay(1);
        }

        @Override
        public Period previous() {
            return new Month(month.minusMonths(1));
        }

        @Override
        public Period next() {
            return new Month(month.plusMonths(1));
        }

        @Override
        public String path() {
            return "/papers/month/" + month;
        }

        @Override
        public String label() {
            return month.format(LABEL);
        }

        @Override
        public String key() {
            return month.toString();
        }
    }
}
