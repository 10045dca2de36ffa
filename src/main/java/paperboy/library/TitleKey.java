package paperboy.library;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Titles compared "exactly" as a person would: the same words in the same order, whatever the
 * capitals, accents, punctuation and LaTeX markup ({@code {BERT}}, {@code \"u}, {@code
 * \textit{...}}) a reference manager or arXiv put around them.
 */
final class TitleKey {
    /** Accents and symbols: {@code \"u} is u, {@code \&} is nothing. */
    private static final Pattern SYMBOL_COMMAND = Pattern.compile("\\\\[^a-zA-Z]");

    /** Commands that only style their argument. */
    private static final Pattern STYLE_COMMAND =
            Pattern.compile(
                    "\\\\(?:textit|textbf|textsc|texttt|textrm|emph|mathrm|mathbf|mathit|mathcal"
                            + "|mathbb|text|mbox|url)\\b");

    /** Letters TeX spells as commands: {@code Stra\ss e} is Straße, {@code S\o ren} Søren. */
    private static final Pattern LETTER_COMMAND =
            Pattern.compile("\\\\(ss|o|O|ae|AE|oe|OE|aa|AA|l|L|i|j)(?![a-zA-Z])\\s*(?:\\{\\})?");

    private static final Map<String, String> LETTERS =
            Map.ofEntries(
                    Map.entry("ss", "ß"),
                    Map.entry("o", "ø"),
                    Map.entry("O", "Ø"),
                    Map.entry("ae", "æ"),
                    Map.entry("AE", "Æ"),
                    Map.entry("oe", "œ"),
                    Map.entry("OE", "Œ"),
                    Map.entry("aa", "å"),
                    Map.entry("AA", "Å"),
                    Map.entry("l", "ł"),
                    Map.entry("L", "Ł"),
                    Map.entry("i", "i"),
                    Map.entry("j", "j"));

    /** Other commands are words: {@code $\alpha$} is "alpha". */
    private static final Pattern WORD_COMMAND = Pattern.compile("\\\\([a-zA-Z]+)");

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern BRACES = Pattern.compile("[{}]");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private TitleKey() {}

    /** The title's words, lower-case, without accents, markup or punctuation, one space apart. */
    static String of(String title) {
        String s = SYMBOL_COMMAND.matcher(title).replaceAll("");
        s = STYLE_COMMAND.matcher(s).replaceAll("");
        s = LETTER_COMMAND.matcher(s).replaceAll(m -> LETTERS.get(m.group(1)));
        s = WORD_COMMAND.matcher(s).replaceAll(" $1 ");
        s = BRACES.matcher(s).replaceAll(""); // they group, never separate: {\"U}ber, {BERT}s
        s = MARKS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("");
        s = s.replace("ß", "ss").toLowerCase(Locale.ROOT);
        return NOT_WORD.matcher(s).replaceAll(" ").strip();
    }

    /** The title as a report shows it: without BibTeX's protective braces, on one line. */
    static String readable(String title) {
        return SPACES.matcher(BRACES.matcher(title).replaceAll("")).replaceAll(" ").strip();
    }
}
