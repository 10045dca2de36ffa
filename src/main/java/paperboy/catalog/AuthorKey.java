package paperboy.catalog;

import java.text.Normalizer;
import java.util.Locale;

/**
 * When two author names are the same name: after Unicode NFC normalisation, whitespace collapsed
 * and full case folding, so "Günaydın" typed with a combining diaeresis, "YANG LIU" and "H Rueß" /
 * "H Ruess" each meet their other spelling. Namesakes (two people of one name) cannot be told apart
 * this way, and are not meant to be. Stateless.
 */
public final class AuthorKey {
    private static final int DOTLESS_I = 'ı';

    private AuthorKey() {}

    /**
     * The key of {@code name}: equal keys are the same name. Case folding is Unicode's full one
     * (CaseFolding.txt, C and F), which Java has no method for: each character's upper case, then
     * its lower case, in the root locale. That folds "ß" into "ss", "ﬁ" into "fi" and "ς" into "σ",
     * as case folding does and lower-casing alone does not; the one letter it would fold otherwise
     * is the dotless "ı" (upper case "I", lower case "i"), which case folding keeps.
     */
    public static String of(String name) {
        String spaced = Text.normalise(Normalizer.normalize(name, Normalizer.Form.NFC));
        if (spaced == null) {
            return "";
        }
        if (spaced.chars().allMatch(c -> c < 0x80)) {
            return spaced.toLowerCase(Locale.ROOT); // nearly every name: no need to go further
        }
        StringBuilder folded = new StringBuilder(spaced.length() + 4);
        spaced.codePoints()
                .forEach(
                        c -> {
                            if (c == DOTLESS_I) {
                                folded.appendCodePoint(c);
                            } else {
                                folded.append(
                                        Character.toString(c)
                                                .toUpperCase(Locale.ROOT)
                                                .toLowerCase(Locale.ROOT));
                            }
                        });
        return Normalizer.normalize(folded, Normalizer.Form.NFC);
    }

    /** Whether {@code a} and {@code b} are the same name (equal {@link #of}s). */
    public static boolean same(String a, String b) {
        return of(a).equals(of(b));
    }
}
