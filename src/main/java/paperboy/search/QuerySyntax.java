package paperboy.search;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Parses what users type into the search box. Never fails: anything that is not valid syntax is
 * taken as plain words (unbalanced quotes, {@code AND OR (}, emoji, unknown prefixes such as {@code
 * arXiv:}).
 *
 * <p>Syntax: words; {@code "quoted phrases"}; {@code -excluded}; {@code author:hinton} or {@code
 * author:"geoffrey hinton"}; {@code title:diffusion}; {@code cat:cs.LG}; {@code year:2024} or
 * {@code year:2020-2023}; {@code after:2025-01-01}; {@code before:2025-06-30}; {@code has:code}.
 * Stateless and thread-safe.
 */
public final class QuerySyntax {
    /** Longer input is cut: nobody types more, and a query must stay cheap. */
    static final int MAX_QUERY_CHARS = 2000;

    private static final Pattern YEAR_RANGE = Pattern.compile("(\\d{4})(?:-(\\d{4}))?");

    private QuerySyntax() {}

    public static SearchQuery parse(String input) {
        return scan(input).build();
    }

    /** Where a plain word of the input stands: {@code input.substring(start, end)}. */
    record Span(int start, int end) {}

    /**
     * The plain words of {@code input} (not quoted, excluded or a filter's value) as spans of the
     * input, in order: the words a spelling correction may replace without touching the rest.
     */
    static List<Span> plainWords(String input) {
        return List.copyOf(scan(input).spans);
    }

    private static Builder scan(String input) {
        String text = input == null ? "" : input;
        if (text.length() > MAX_QUERY_CHARS) {
            int cut =
                    Character.isHighSurrogate(text.charAt(MAX_QUERY_CHARS - 1))
                            ? MAX_QUERY_CHARS - 1
                            : MAX_QUERY_CHARS;
            text =
                    text.substring(
                            0, cut); // never half an emoji: the tokenizer wants whole characters
        }
        Builder q = new Builder();
        boolean cut = text.length() < (input == null ? 0 : input.length());
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            boolean negated =
                    text.charAt(i) == '-'
                            && i + 1 < n
                            && !Character.isWhitespace(text.charAt(i + 1));
            if (negated) {
                i++;
            }
            if (text.charAt(i) == '"') {
                int close = text.indexOf('"', i + 1);
                String inner = close < 0 ? text.substring(i + 1) : text.substring(i + 1, close);
                i = close < 0 ? n : close + 1;
                q.phraseOrWords(inner, negated, close >= 0);
                continue;
            }
            int end = i;
            while (end < n && !Character.isWhitespace(text.charAt(end))) {
                end++;
            }
            String token = text.substring(i, end);
            int colon = token.indexOf(':');
            if (colon > 0 && !negated) {
                String field = token.substring(0, colon).toLowerCase(Locale.ROOT);
                String value = token.substring(colon + 1);
                boolean quoted = value.startsWith("\"");
                if (quoted) {
                    int close = text.indexOf('"', i + colon + 2);
                    value =
                            close < 0
                                    ? text.substring(i + colon + 2)
                                    : text.substring(i + colon + 2, close);
                    end = close < 0 ? n : close + 1;
                }
                if (q.filter(field, value.strip(), quoted)) {
                    i = end;
                    continue;
                }
                end = i + token.length();
            }
            q.word(token, negated);
            if (!negated && !(cut && i + token.length() == n)) { // not a word cut in half
                q.spans.add(new Span(i, i + token.length()));
            }
            i = end;
        }
        return q;
    }

    private static final class Builder {
        final List<String> words = new ArrayList<>();
        final List<String> phrases = new ArrayList<>();
        final List<String> excluded = new ArrayList<>();
        final List<String> titleWords = new ArrayList<>();
        final List<String> authors = new ArrayList<>();
        final List<String> categories = new ArrayList<>();
        final List<Span> spans = new ArrayList<>();
        @Nullable Integer fromYear;
        @Nullable Integer toYear;
        @Nullable LocalDate after;
        @Nullable LocalDate before;
        boolean hasCode;

        void word(String word, boolean negated) {
            (negated ? excluded : words).add(word);
        }

        void phraseOrWords(String inner, boolean negated, boolean closed) {
            String phrase = inner.strip();
            if (phrase.isEmpty()) {
                return;
            }
            if (negated) {
                excluded.add(phrase);
            } else if (closed && phrase.indexOf(' ') > 0) {
                phrases.add(phrase);
            } else {
                words.add(phrase); // an unclosed quote or a one-word "phrase": just words
            }
        }

        /**
         * Applies a {@code field:value} filter; false when it is not one (then it is plain words).
         */
        boolean filter(String field, String value, boolean quoted) {
            if (value.isEmpty()) {
                return false;
            }
            switch (field) {
                case "author", "au", "authors" -> authors.add(value);
                case "title", "ti" -> titleWords.add(value);
                case "cat", "category" -> categories.add(value.toLowerCase(Locale.ROOT));
                case "has" -> {
                    if (!value.equalsIgnoreCase("code")) {
                        return false;
                    }
                    hasCode = true;
                }
                case "year" -> {
                    Matcher m = YEAR_RANGE.matcher(value);
                    if (quoted || !m.matches()) {
                        return false;
                    }
                    int from = Integer.parseInt(m.group(1));
                    int to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
                    fromYear = Math.min(from, to);
                    toYear = Math.max(from, to);
                }
                case "after", "before" -> {
                    LocalDate date = date(value);
                    if (date == null) {
                        return false;
                    }
                    if (field.equals("after")) {
                        after = date;
                    } else {
                        before = date;
                    }
                }
                default -> {
                    return false;
                }
            }
            return true;
        }

        private static @Nullable LocalDate date(String value) {
            try {
                if (value.matches("\\d{4}")) {
                    return LocalDate.of(Integer.parseInt(value), 1, 1);
                }
                if (value.matches("\\d{4}-\\d{2}")) {
                    return LocalDate.parse(value + "-01");
                }
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                return null;
            }
        }

        SearchQuery build() {
            return new SearchQuery(
                    words,
                    phrases,
                    excluded,
                    titleWords,
                    authors,
                    categories,
                    fromYear,
                    toYear,
                    after,
                    before,
                    hasCode);
        }
    }
}
