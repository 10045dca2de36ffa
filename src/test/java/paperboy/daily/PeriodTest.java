package paperboy.daily;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Days, ISO weeks and months as the list URLs name them. */
class PeriodTest {
    @Test
    void aDayCoversItselfAndLinksToTheDaysAround() {
        Period.Day day = Period.Day.parse("2026-06-30");
        assertThat(day.start()).isEqualTo(LocalDate.of(2026, 6, 30));
        assertThat(day.end()).isEqualTo(LocalDate.of(2026, 7, 1));
        assertThat(day.key()).isEqualTo("2026-06-30");
        assertThat(day.path()).isEqualTo("/papers/date/2026-06-30");
        assertThat(day.label()).isEqualTo("Tuesday 30 June 2026");
        assertThat(day.next()).isEqualTo(new Period.Day(LocalDate.of(2026, 7, 1)));
        assertThat(new Period.Day(LocalDate.of(2026, 1, 1)).previous())
                .isEqualTo(new Period.Day(LocalDate.of(2025, 12, 31)));
    }

    @Test
    void surroundingBlanksAreIgnored() {
        assertThat(Period.Day.parse(" 2026-06-30\n")).isEqualTo(Period.Day.parse("2026-06-30"));
        assertThat(Period.Week.parse(" 2026-W27 ")).isEqualTo(new Period.Week(2026, 27));
        assertThat(Period.Month.parse("\t2026-06"))
                .isEqualTo(new Period.Month(YearMonth.of(2026, 6)));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "yesterday",
                "2026-6-30",
                "2026-02-30",
                "2026-13-01",
                "30/06/2026",
                "2026-06-30T00:00"
            })
    void aBadDayIsRefusedWithAnExample(String text) {
        assertThatThrownBy(() -> Period.Day.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("date must look like 2026-06-30, not '" + text + "'");
    }

    @Test
    void yearsFarOutsideArxivsLifeAreRefused() {
        assertThatThrownBy(() -> Period.Day.parse("1899-12-31"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the year must be between 1900 and 9999, not 1899");
        assertThatThrownBy(() -> Period.Day.parse("+10000-01-01"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not 10000");
        assertThatThrownBy(() -> Period.Week.parse("1899-W10"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not 1899");
        assertThatThrownBy(() -> Period.Month.parse("0000-01"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not 0");
        assertThat(Period.Day.parse("9999-12-31").start()).isEqualTo(LocalDate.of(9999, 12, 31));
    }

    @Test
    void aWeekRunsFromMondayToSunday() {
        Period.Week week = Period.Week.parse("2026-W27");
        assertThat(week.start()).isEqualTo(LocalDate.of(2026, 6, 29));
        assertThat(week.end()).isEqualTo(LocalDate.of(2026, 7, 6));
        assertThat(week.key()).isEqualTo("2026-W27");
        assertThat(week.path()).isEqualTo("/papers/week/2026-W27");
        assertThat(week.label()).isEqualTo("Week 27 of 2026 (29 Jun – 5 Jul)");
        assertThat(week.previous()).isEqualTo(new Period.Week(2026, 26));
        assertThat(week.next()).isEqualTo(new Period.Week(2026, 28));
    }

    @Test
    void aOneDigitWeekIsReadAndWrittenWithTwo() {
        Period.Week week = Period.Week.parse("2026-W5");
        assertThat(week).isEqualTo(new Period.Week(2026, 5));
        assertThat(week.key()).isEqualTo("2026-W05");
    }

    @Test
    void week1CanBeginInTheYearBefore() {
        Period.Week first = Period.Week.parse("2026-W01");
        assertThat(first.start()).isEqualTo(LocalDate.of(2025, 12, 29));
        assertThat(first.label()).isEqualTo("Week 1 of 2026 (29 Dec – 4 Jan)");
        assertThat(Period.Week.of(LocalDate.of(2025, 12, 31))).isEqualTo(first);
        assertThat(first.previous()).as("2025 has 52 weeks").isEqualTo(new Period.Week(2025, 52));
    }

    @Test
    void aYearWhoseFirstDayIsAThursdayHasAWeek53ThatEndsInTheNextYear() {
        Period.Week last = Period.Week.parse("2026-W53"); // 1 January 2026 is a Thursday
        assertThat(last.start()).isEqualTo(LocalDate.of(2026, 12, 28));
        assertThat(last.end()).isEqualTo(LocalDate.of(2027, 1, 4));
        assertThat(last.label()).isEqualTo("Week 53 of 2026 (28 Dec – 3 Jan)");
        assertThat(Period.Week.of(LocalDate.of(2027, 1, 3))).isEqualTo(last);
        assertThat(last.next()).isEqualTo(new Period.Week(2027, 1));
        assertThat(new Period.Week(2027, 1).previous()).isEqualTo(last);
    }

    @Test
    void aLeapYearBeginningOnAWednesdayHasAWeek53Too() {
        Period.Week last = Period.Week.parse("2020-W53");
        assertThat(last.start()).isEqualTo(LocalDate.of(2020, 12, 28));
        assertThat(last.end()).isEqualTo(LocalDate.of(2021, 1, 4));
        assertThat(last.previous()).isEqualTo(new Period.Week(2020, 52));
        assertThat(last.next()).isEqualTo(new Period.Week(2021, 1));
    }

    @Test
    void aWeekTheYearDoesNotHaveIsRefused() {
        assertThatThrownBy(() -> Period.Week.parse("2025-W53"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("2025 has weeks 1 to 52, not 53");
        assertThatThrownBy(() -> Period.Week.parse("2021-W53"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("2021 has weeks 1 to 52, not 53");
        assertThatThrownBy(() -> Period.Week.parse("2026-W00"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("2026 has weeks 1 to 53, not 0");
        assertThatThrownBy(() -> Period.Week.parse("2026-W54"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "2026-27",
                "2026W27",
                "2026-w27",
                "26-W27",
                "2026-W027",
                "2026-W",
                "2026-06-30"
            })
    void aBadWeekIsRefusedWithAnExample(String text) {
        assertThatThrownBy(() -> Period.Week.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("week must look like 2026-W27 (ISO week), not '" + text + "'");
    }

    @Test
    void aMonthRunsFromItsFirstDayToTheFirstOfTheNext() {
        Period.Month june = Period.Month.parse("2026-06");
        assertThat(june.start()).isEqualTo(LocalDate.of(2026, 6, 1));
        assertThat(june.end()).isEqualTo(LocalDate.of(2026, 7, 1));
        assertThat(june.key()).isEqualTo("2026-06");
        assertThat(june.path()).isEqualTo("/papers/month/2026-06");
        assertThat(june.label()).isEqualTo("June 2026");
        assertThat(Period.Month.parse("2024-02").end())
                .as("leap year")
                .isEqualTo(LocalDate.of(2024, 3, 1));
    }

    @Test
    void monthsFollowEachOtherAcrossTheNewYear() {
        Period.Month december = Period.Month.parse("2026-12");
        assertThat(december.next()).isEqualTo(Period.Month.parse("2027-01"));
        assertThat(december.next().previous()).isEqualTo(december);
        assertThat(december.end()).isEqualTo(december.next().start());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "June", "2026-6", "2026-13", "2026-00", "2026/06", "2026-06-01"})
    void aBadMonthIsRefusedWithAnExample(String text) {
        assertThatThrownBy(() -> Period.Month.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("month must look like 2026-06, not '" + text + "'");
    }

    @Test
    void consecutivePeriodsMeetWithoutGapOrOverlap() {
        for (Period p :
                new Period[] {
                    Period.Day.parse("2026-12-31"),
                    Period.Week.parse("2026-W53"),
                    Period.Month.parse("2026-12")
                }) {
            assertThat(p.next().start()).as(p.key()).isEqualTo(p.end());
            assertThat(p.previous().end()).as(p.key()).isEqualTo(p.start());
        }
    }
}
