package paperboy.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import paperboy.daily.Period;

/**
 * Which period's digests are due at a moment: the one rule {@code serve} and {@code digest send}
 * share.
 */
class DigestSchedulerTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final LocalTime SEVEN = LocalTime.of(7, 0);

    private static ZonedDateTime at(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(NEW_YORK);
    }

    @Test
    void beforeTheSendTimeTheLastSendDaysPeriodIsDueAfterItTodays() {
        LocalDate tuesdayFeed = LocalDate.of(2026, 6, 30);
        LocalDate wednesdayFeed = LocalDate.of(2026, 7, 1);
        // Wednesday 1 July 2026, 06:59: Tuesday's digest (sent at 07:00 on Tuesday) is the latest
        // due
        assertThat(
                        DigestScheduler.duePeriod(
                                Cadence.DAILY, at("2026-07-01T06:59"), SEVEN, wednesdayFeed))
                .as("a feed day newer than the send day is not yet its digest's")
                .isEqualTo(new Period.Day(LocalDate.of(2026, 6, 30)));
        assertThat(
                        DigestScheduler.duePeriod(
                                Cadence.DAILY, at("2026-07-01T07:00"), SEVEN, wednesdayFeed))
                .isEqualTo(new Period.Day(wednesdayFeed));
        assertThat(
                        DigestScheduler.duePeriod(
                                Cadence.DAILY, at("2026-07-01T07:00"), SEVEN, tuesdayFeed))
                .as("no feed for Wednesday yet: the newest there is")
                .isEqualTo(new Period.Day(tuesdayFeed));
    }

    @Test
    void weekendsSendNoDailyDigestAndMondaysSendTheWeeklyOne() {
        LocalDate fridayFeed = LocalDate.of(2026, 7, 3);
        assertThat(
                        DigestScheduler.duePeriod(
                                Cadence.DAILY, at("2026-07-05T12:00"), SEVEN, fridayFeed))
                .as("Sunday: still Friday's")
                .isEqualTo(new Period.Day(fridayFeed));
        assertThat(
                        DigestScheduler.duePeriod(
                                Cadence.WEEKLY, at("2026-07-06T07:00"), SEVEN, fridayFeed))
                .as("Monday 6 July: the week before")
                .isEqualTo(Period.Week.parse("2026-W27"));
        assertThat(
                        DigestScheduler.duePeriod(
                                Cadence.WEEKLY, at("2026-07-06T06:59"), SEVEN, fridayFeed))
                .as("before Monday's send time: the week before that")
                .isEqualTo(Period.Week.parse("2026-W26"));
    }

    @Test
    void theTimeIsTheConfiguredZones() {
        ZonedDateTime sevenInBerlin =
                ZonedDateTime.of(2026, 7, 1, 7, 0, 0, 0, ZoneId.of("Europe/Berlin"));
        assertThat(
                        DigestScheduler.duePeriod(
                                Cadence.DAILY, sevenInBerlin, SEVEN, LocalDate.of(2026, 7, 1)))
                .isEqualTo(new Period.Day(LocalDate.of(2026, 7, 1)));
        assertThat(
                        DigestScheduler.duePeriod(
                                Cadence.DAILY,
                                sevenInBerlin.withZoneSameInstant(NEW_YORK),
                                SEVEN,
                                LocalDate.of(2026, 7, 1)))
                .as("01:00 in New York")
                .isEqualTo(new Period.Day(LocalDate.of(2026, 6, 30)));
    }
}
