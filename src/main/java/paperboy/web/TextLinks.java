package paperboy.web;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import paperboy.web.Views.TextPart;

/**
 * Finds the web addresses in plain text (an abstract, arXiv's comments field) so pages can show
 * them as links: only {@code http://} and {@code https://} addresses become links ({@code
 * javascript:}, {@code data:} and the rest stay text), and punctuation that ends a sentence or
 * closes a bracket the address did not open stays outside ("see https://x.org/a." links
 * https://x.org/a). The parts keep the text exactly: joined, they are the input. Stateless.
 */
final class TextLinks {
    /** A web address up to the next space, quote or angle bracket, which no address contains. */
    private static final Pattern WEB_URL = Pattern.compile("(?i)\\bhttps?://[^\\s<>\"\\p{Cntrl}]+");

    /** Characters an address rarely ends with, and sentences often do. */
    private static final String TRAILING = ".,;:!?'*";

    private TextLinks() {}

    /** {@code text} as plain parts and link parts, in order. */
    static List<TextPart> of(String text) {
        List<TextPart> parts = new ArrayList<>();
        Matcher m = WEB_URL.matcher(text);
        int at = 0;
        while (m.find()) {
            String url = trimmed(m.group());
            if (url.length() <= "https://".length()) {
                continue; // nothing after the scheme
            }
            if (m.start() > at) {
                parts.add(new TextPart(text.substring(at, m.start()), null));
            }
            parts.add(new TextPart(url, url));
            at = m.start() + url.length();
        }
        if (at < text.length()) {
            parts.add(new TextPart(text.substring(at), null));
        }
        return parts;
    }

    /** {@code url} without the punctuation that belongs to the sentence around it. */
    private static String trimmed(String url) {
        int end = url.length();
        while (end > 0) {
            char last = url.charAt(end - 1);
            if (TRAILING.indexOf(last) >= 0) {
                end--;
            } else if (closes(last) && unopened(url.substring(0, end), last)) {
                end--;
            } else {
                break;
            }
        }
        return url.substring(0, end);
    }

    private static boolean closes(char c) {
        return c == ')' || c == ']' || c == '}';
    }

    /** Whether {@code text}, which ends with {@code close}, closes more brackets than it opens. */
    private static boolean unopened(String text, char close) {
        char open = close == ')' ? '(' : close == ']' ? '[' : '{';
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == open) {
                depth++;
            } else if (c == close) {
                depth--;
            }
        }
        return depth < 0;
    }
}
