package paperboy.ingest.arxiv;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The date formats arXiv's interfaces use. Stateless and thread-safe. */
final class ArxivDates {
    private ArxivDates() {}

    /**
     * An OAI-PMH datestamp or an {@code arXiv}-format date: {@code 2025-03-14}, or {@code
     * 2025-03-14T12:00:00Z} at second granularity (taken in UTC).
     *
     * @throws DateTimeParseException when it is neither
     */
    static LocalDate isoDate(String text) {
        String s = text.strip();
        if (s.length() > 10) {
            return OffsetDateTime.parse(s).atZoneSameInstant(ZoneOffset.UTC).toLocalDate();
        }
        return LocalDate.parse(s);
    }

    /**
     * An Atom timestamp such as {@code 2025-03-14T17:59:59Z}, as the date in UTC (where arXiv
     * writes them).
     */
    static LocalDate atomDate(String text) {
        return OffsetDateTime.parse(text.strip()).atZoneSameInstant(ZoneOffset.UTC).toLocalDate();
    }

    /**
     * An RFC 1123 date as arXivRaw versions ({@code Mon, 2 Apr 2007 19:18:42 GMT}) and RSS ({@code
     * Mon, 31 Mar 2025 00:00:00 -0400}) write it, as the date in its own offset: an RSS pubDate of
     * midnight New York time is that New York day.
     */
    static LocalDate rfc1123Date(String text) {
        return ZonedDateTime.parse(text.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
                .toLocalDate();
    }
}
