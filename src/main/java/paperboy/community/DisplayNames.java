package paperboy.community;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of members' public names: 2 to 40 characters of letters (any script), digits, spaces
 * and {@code . - _}; at least one letter or digit; no word that is one of the site's own (admin,
 * curator, ...). Names are compared by their {@link #key}, so two members never show names that
 * differ only in case or in Unicode form. Stateless.
 */
public final class DisplayNames {
    public static final int MIN_CHARS = 2;
    public static final int MAX_CHARS = 40;

    /**
     * Words no name may contain, whole or as one of its words ("Admin", "site-admin", "admin2"): a
     * member must not look like the site or its staff.
     */
    public static final Set<String> RESERVED =
            Set.of(
                    "admin",
                    "administrator",
                    "root",
                    "paperboy",
                    "moderator",
                    "curator",
                    "staff",
                    "system",
                    "support",
                    "deleted",
                    "anonymous",
                    "null");

    /**
     * Longest key kept: a few letters expand a lot under NFKC (U+FDFA becomes 18), and the key is
     * an indexed column.
     */
    private static final int MAX_KEY_CHARS = 160;

    /** Combining marks in a row after a letter: enough for any script, too few to pile up. */
    private static final int MAX_MARKS_IN_A_ROW = 3;

    private DisplayNames() {}

    /** The name as typed, as it would be kept: NFC, trimmed, each run of white space one space. */
    public static String tidy(String typed) {
        String nfc = Normalizer.normalize(typed, Normalizer.Form.NFC);
        return nfc.replaceAll("[\\s\\p{Z}]+", " ").strip();
    }

    /**
     * The form under which names are unique: NFKC (so full-width or ligature letters are their
     * plain selves) and case folding (upper then lower case: "ß" and "SS", "Σ" and "ς" agree).
     */
    public static String key(String name) {
        String compatible = Normalizer.normalize(name, Normalizer.Form.NFKC);
        String folded = compatible.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        return Normalizer.normalize(folded, Normalizer.Form.NFKC);
    }

    /**
     * Why {@code name} (as {@link #tidy} returns it) cannot be a member's name, in a sentence for
     * the member; empty when it can. Uniqueness is not checked here: that is the database's.
     */
    public static Optional<String> refusal(String name) {
        int length = name.codePointCount(0, name.length());
        if (length == 0) {
            return Optional.of("Please type the name you want to be shown.");
        }
        if (length > MAX_CHARS) {
            return Optional.of(
                    "A name may have at most "
                            + MAX_CHARS
                            + " characters; this one has "
                            + length
                            + ".");
        }
        if (length < MIN_CHARS) {
            return Optional.of("A name needs at least " + MIN_CHARS + " characters.");
        }
        Optional<String> character = characterRefusal(name);
        if (character.isPresent()) {
            return character;
        }
        String key = key(name);
        if (key.length() > MAX_KEY_CHARS) {
            return Optional.of("This name is too long once its letters are spelled out.");
        }
        Optional<String> reserved = reservedWord(key);
        if (reserved.isPresent()) {
            return Optional.of(
                    "“"
                            + reserved.get()
                            + "” is reserved: a name must not look like the site or its staff."
                            + " Please choose another.");
        }
        return Optional.empty();
    }

    /** Whether {@code name} contains a reserved word (compared by key). */
    public static boolean isReserved(String name) {
        return reservedWord(key(name)).isPresent();
    }

    private static Optional<String> reservedWord(String key) {
        // words: the runs of letters (digits and . - _ and spaces all separate)
        return Arrays.stream(key.split("[^\\p{L}\\p{M}]+")).filter(RESERVED::contains).findFirst();
    }

    private static Optional<String> characterRefusal(String name) {
        boolean letterOrDigit = false;
        int marks = 0;
        int previous = -1;
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            i += Character.charCount(c);
            int type = Character.getType(c);
            boolean mark =
                    type == Character.NON_SPACING_MARK
                            || type == Character.COMBINING_SPACING_MARK
                            || type == Character.ENCLOSING_MARK;
            if (Character.isLetter(c) || type == Character.DECIMAL_DIGIT_NUMBER) {
                letterOrDigit = true;
                marks = 0;
            } else if (mark) {
                // a mark belongs to the letter before it (Devanagari vowel signs, say)
                if (previous < 0 || !(Character.isLetter(previous) || marks > 0)) {
                    return Optional.of(notAllowed(c));
                }
                if (++marks > MAX_MARKS_IN_A_ROW) {
                    return Optional.of(
                            "A letter may carry at most "
                                    + MAX_MARKS_IN_A_ROW
                                    + " accents or marks.");
                }
            } else if (c == ' ' || c == '.' || c == '-' || c == '_') {
                if (c == ' ' && previous == ' ') {
                    return Optional.of(notAllowed(c)); // tidy() never leaves two
                }
                marks = 0;
            } else {
                return Optional.of(notAllowed(c));
            }
            previous = c;
        }
        if (!letterOrDigit) {
            return Optional.of("A name needs at least one letter or digit.");
        }
        return Optional.empty();
    }

    /** Says which character is refused, visibly even when it is invisible. */
    private static String notAllowed(int c) {
        String code = String.format(Locale.ROOT, "U+%04X", c);
        String shown =
                Character.isISOControl(c)
                                || Character.getType(c) == Character.FORMAT
                                || Character.isWhitespace(c)
                                || Character.getType(c) == Character.NON_SPACING_MARK
                        ? code
                        : "“" + new String(Character.toChars(c)) + "” (" + code + ")";
        return "A name may use letters, digits, spaces and . - _ only; "
                + shown
                + " is not one of them.";
    }
}
