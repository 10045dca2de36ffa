package paperboy.web;

import java.util.Locale;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;
import paperboy.common.Plural;

/**
 * Page numbers of the lists and the search: a {@code page} parameter that is no page number at all
 * ({@code 0}, {@code -1}, {@code abc}, {@code 99999999999999}) is a bad request (400); a page
 * number past the last page is a page that does not exist (404, with a link to the last page).
 * Stateless.
 */
final class Paging {
    /** The highest page number read at all; beyond it the number is refused before any search. */
    static final int MAX_PAGE = 10_000;

    private Paging() {}

    /**
     * The page number {@code raw} (1 when absent or blank).
     *
     * @throws BadRequest unless {@code raw} is a whole number from 1 to {@link #MAX_PAGE}
     */
    static int parse(@Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            return 1;
        }
        String value = raw.strip();
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= MAX_PAGE) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadRequest(
                String.format(
                        Locale.ROOT,
                        "page must be a whole number from 1 to %,d, not '%s'",
                        MAX_PAGE,
                        value));
    }

    /** How many pages {@code total} items fill, {@code size} a page; an empty list has one page. */
    static int pages(long total, int size) {
        return (int) Math.max(1, (total + size - 1) / size);
    }

    /**
     * Checks that {@code page} is within the {@code last} pages of a list.
     *
     * @param url the address of a page of the list by number
     * @throws NotFound when it is past the last page: the page says so and links to the last one
     */
    static void within(int page, int last, IntFunction<String> url) {
        if (page > last) {
            throw new NotFound(
                    "There is no page "
                            + page
                            + ": this list has "
                            + Plural.count(last, "page", "pages")
                            + ".",
                    new Views.Link("Go to the last page (page " + last + ")", url.apply(last)));
        }
    }
}
