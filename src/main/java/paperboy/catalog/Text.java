package paperboy.catalog;

/** Text clean-up shared by every source, so the same paper reads the same whichever way it came in. */
public final class Text {
    private Text() {
    }

    /**
     * Collapses runs of whitespace (arXiv hard-wraps titles and abstracts) into single spaces and
     * trims; {@code null} and blank give {@code null}.
     */
    public static String normalise(String text) {
        if (text == null) {
            return null;
        }
        // A hand-written loop over a char array: this runs on every title and abstract of every import.
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
}
