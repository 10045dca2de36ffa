package paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;
import paperboy.daily.Period;

class DatesTest {
    @Test
    void aDayIsDayShortMonthAndYearInEnglish() {
        assertThat(Dates.day(LocalDate.of(2026, 12, 1))).isEqualTo("1 Dec 2026");
        assertThat(Dates.day(LocalDate.of(2026, 7, 31))).isEqualTo("31 Jul 2026");
        for (LocalDate d = LocalDate.of(1990, 1, 1);
                d.isBefore(LocalDate.of(2040, 1, 1));
                d = d.plusDays(1)) {
            assertThat(Dates.day(d)).isEqualTo(d.format(Dates.DAY));
        }
        assertThat(Dates.day(LocalDate.of(12026, 1, 5))).isEqualTo("5 Jan +12026");
    }

    @Test
    void anInstantIsTakenOnItsUtcDayAndTheAuditTimeSaysUtc() {
        Instant lateEvening = Instant.parse("2026-07-01T23:30:00Z");
        assertThat(Dates.utcDay(lateEvening)).isEqualTo(LocalDate.of(2026, 7, 1));
        assertThat(Dates.dayAndTime(lateEvening)).isEqualTo("1 Jul 2026, 23:30 UTC");
    }

    @Test
    void periodsAreNamedWithTheSameDayFormat() {
        assertThat(Dates.period(new Period.Day(LocalDate.of(2026, 7, 1)))).isEqualTo("1 Jul 2026");
        assertThat(Dates.period(Period.Week.parse("2026-W27")))
                .isEqualTo("week 27 of 2026, 29 Jun – 5 Jul 2026");
        assertThat(Dates.period(Period.Week.parse("2026-W01")))
                .as("a week across New Year names both years")
                .isEqualTo("week 1 of 2026, 29 Dec 2025 – 4 Jan 2026");
        assertThat(Dates.period(new Period.Month(YearMonth.of(2026, 7)))).isEqualTo("July 2026");
    }

    @Test
    void listHeadingsAndFeedTitlesNameTheirPeriod() {
        assertThat(SitePages.heading(new Period.Day(LocalDate.of(2026, 7, 1))))
                .isEqualTo("Papers of 1 Jul 2026");
    }
}
