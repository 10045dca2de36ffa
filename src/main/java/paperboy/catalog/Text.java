package paperboy.catalog;

import org.jspecify.annotations.Nullable;

/**
 * Text clean-up shared by every source, so the same paper reads the same whichever way it came in.
 */
public final class Text {
    private Text() {}

    /**
     * Collapses runs of whitespace (arXiv hard-wraps titles and abstracts) into single spaces and
     * trims; {@code null} and blank give {@code null}.
     */
    public static @Nullable String normalise(@Nullable String text) {
        if (text == null) {
            return null;
        }
        // A hand-written loop over a char array: this runs on every title and abstract of every
        // import.
        char[] out = new char[text.length()];
        int n = 0;
        boolean pendingSpace = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ' || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                pendingSpace = n > 0;
            } else {
                if (pendingSpace) {
                    out[n++] = ' ';
                    pendingSpace = false;
                }
                out[n++] = c;
            }
        }
        return n == 0 ? null : new String(out, 0, n);
    }

    /**
     * {@code text} without control characters (C0 and C1, and the non-characters U+FFFE/U+FFFF);
     * tabs and line breaks become spaces. The text itself when it has none, which is nearly always:
     * the scan allocates nothing.
     */
    public static String withoutControls(String text) {
        int i = 0;
        while (i < text.length() && !isControl(text.charAt(i))) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        out.append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isControl(c)) {
                out.append(c);
            } else if (c == '\t' || c == '\n' || c == '\r') {
                out.append(' ');
            }
        }
        return out.toString();
    }

    private static boolean isControl(char c) {
        return Character.isISOControl(c) || c == '\uFFFE' || c == '\uFFFF';
    }

    /**
     * At most about {@code max} characters of {@code text}, cut at a word boundary near the end
     * (within the last quarter) and marked with " …"; shorter text as it is.
     */
    public static String shorten(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int cut = text.lastIndexOf(' ', max);
        return text.substring(0, cut > max * 3 / 4 ? cut : max) + " …";
    }
}
