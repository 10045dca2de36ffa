package paperboy.search;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A parsed user query: free words, quoted phrases, excluded words, and filters. Built by {@link
 * QuerySyntax#parse}, which accepts any input.
 *
 * @param words free words, in order (not yet analysed)
 * @param phrases quoted phrases
 * @param excluded words after a minus sign
 * @param titleWords words or phrases from {@code title:}
 * @param authors names from {@code author:} (each a phrase when quoted)
 * @param categories lower-cased categories from {@code cat:} (any of them matches)
 * @param fromYear first year ({@code year:2024} or {@code year:2020-2023}), or {@code null}
 * @param toYear last year, or {@code null}
 * @param after announced on or after, or {@code null}
 * @param before announced on or before, or {@code null}
 * @param hasCode {@code has:code}
 */
public record SearchQuery(
        List<String> words,
        List<String> phrases,
        List<String> excluded,
        List<String> titleWords,
        List<String> authors,
        List<String> categories,
        @Nullable Integer fromYear,
        @Nullable Integer toYear,
        @Nullable LocalDate after,
        @Nullable LocalDate before,
        boolean hasCode) {

    public SearchQuery {
        words = List.copyOf(words);
        phrases = List.copyOf(phrases);
        excluded = List.copyOf(excluded);
        titleWords = List.copyOf(titleWords);
        authors = List.copyOf(authors);
        categories = List.copyOf(categories);
    }

    /** Free text taken as plain words, no syntax (evaluation queries, "similar to" text). */
    public static SearchQuery plain(String text) {
        return new SearchQuery(
                Arrays.stream(text.split("\\s+")).filter(w -> !w.isEmpty()).toList(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                null,
                null,
                null,
                null,
                false);
    }

    /**
     * True when nothing would select or rank anything: no words, phrases, title or author terms.
     */
    public boolean hasNoText() {
        return words.isEmpty() && phrases.isEmpty() && titleWords.isEmpty() && authors.isEmpty();
    }

    /** True when some filter narrows the results. */
    public boolean hasFilters() {
        return !categories.isEmpty()
                || fromYear != null
                || toYear != null
                || after != null
                || before != null
                || hasCode;
    }

    /**
     * This query narrowed by a search form's filters, as if they had been typed after it: the
     * category joins any typed {@code cat:} (any of them matches), a date or {@code hasCode}
     * replaces what was typed.
     *
     * @param category a category, or {@code null} for none
     * @param from announced on or after, or {@code null}
     * @param to announced on or before, or {@code null}
     */
    public SearchQuery withFilters(
            @Nullable String category,
            @Nullable LocalDate from,
            @Nullable LocalDate to,
            boolean code) {
        List<String> cats = categories;
        if (category != null) {
            cats = new ArrayList<>(categories);
            cats.add(category.toLowerCase(Locale.ROOT));
        }
        return new SearchQuery(
                words,
                phrases,
                excluded,
                titleWords,
                authors,
                cats,
                fromYear,
                toYear,
                from != null ? from : after,
                to != null ? to : before,
                hasCode || code);
    }

    /** The free text of the query (words and phrases), for the semantic leg. */
    public String freeText() {
        StringBuilder text = new StringBuilder(String.join(" ", words));
        for (String phrase : phrases) {
            text.append(text.isEmpty() ? "" : " ").append(phrase);
        }
        for (String title : titleWords) {
            text.append(text.isEmpty() ? "" : " ").append(title);
        }
        return text.toString();
    }
}
