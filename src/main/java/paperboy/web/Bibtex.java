package paperboy.web;

import java.text.Normalizer;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import paperboy.catalog.Paper;
import paperboy.catalog.Text;

/**
 * A paper's BibTeX entry in arXiv's own style ({@code @misc} with {@code eprint}, {@code
 * archivePrefix}, {@code primaryClass} and the abstract page's URL; a key such as {@code
 * vaswani2017attention}), that BibTeX and biber read whatever the metadata holds. arXiv titles are
 * TeX already ({@code $K_{n,n}$}, {@code Schr\"odinger}), so math and commands are kept; what would
 * break the entry or the document is made safe: braces that do not pair (BibTeX ends the field at
 * the first unmatched one), and outside math {@code & % # _ ~ ^} and a lone {@code $}. Accented
 * letters stay UTF-8. Stateless.
 */
final class Bibtex {
    /** The type of a {@code .bib} download. */
    static final String CONTENT_TYPE = "application/x-bibtex; charset=utf-8";

    /** Title words a key skips, as arXiv's keys do ("A Survey of ..." is {@code ...2024survey}). */
    private static final Set<String> SKIPPED_WORDS =
            Set.of("a", "an", "the", "on", "of", "in", "for", "to", "from", "with", "at", "by");

    /** Name suffixes a key skips: "John Smith Jr" is {@code smith...}. */
    private static final Set<String> SUFFIXES = Set.of("jr", "sr", "ii", "iii", "iv");

    /** Letters NFD does not take apart, spelled in ASCII for keys. */
    private static final Map<Integer, String> ASCII_LETTERS =
            Map.of(
                    (int) 'ı', "i", (int) 'ø', "o", (int) 'ł', "l", (int) 'ß', "ss", (int) 'æ',
                    "ae", (int) 'œ', "oe", (int) 'đ', "d", (int) 'þ', "th", (int) 'ð', "d");

    private static final Pattern MATH = Pattern.compile("\\$[^$]*\\$");
    private static final Pattern COMMAND = Pattern.compile("\\\\[a-zA-Z]+|\\\\.");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern AND_WORD = Pattern.compile("(?i)(^|\\s)and(\\s|$)");

    private Bibtex() {}

    /** The entry, ending in a line break. */
    static String entry(Paper p) {
        String id = p.id().id();
        StringBuilder b = new StringBuilder(512);
        b.append("@misc{").append(key(p)).append(",\n");
        field(b, "title", escape(p.title()));
        if (!p.authors().isEmpty()) {
            field(
                    b,
                    "author",
                    String.join(" and ", p.authors().stream().map(Bibtex::name).toList()));
        }
        field(b, "year", Integer.toString(p.announced().getYear()));
        field(
                b,
                "month",
                p.announced()
                        .getMonth()
                        .getDisplayName(TextStyle.SHORT, Locale.ENGLISH)
                        .toLowerCase(Locale.ROOT),
                false);
        field(b, "eprint", id);
        field(b, "archivePrefix", "arXiv");
        if (p.primaryCategory() != null) {
            field(b, "primaryClass", escape(p.primaryCategory()));
        }
        field(b, "url", "https://arxiv.org/abs/" + id);
        return b.append("}\n").toString();
    }

    private static void field(StringBuilder b, String name, String value) {
        field(b, name, value, true);
    }

    /** {@code braced}: a value in braces; else a macro such as {@code jul}. */
    private static void field(StringBuilder b, String name, String value, boolean braced) {
        b.append("  ").append(name).append(" = ");
        b.append(braced ? "{" + value + "}" : value).append(",\n");
    }

    /**
     * An author for the {@code author} field; a name with the word "and" in it is braced, so BibTeX
     * does not read two people.
     */
    private static String name(String author) {
        String escaped = escape(author);
        return AND_WORD.matcher(author).find() ? "{" + escaped + "}" : escaped;
    }

    /**
     * arXiv's key: the first author's last name, the year and the title's first word (skipping
     * articles and prepositions), ASCII letters and digits only.
     */
    static String key(Paper p) {
        String last = "";
        if (!p.authors().isEmpty()) {
            String[] words = SPACES.split(p.authors().getFirst().strip(), -1);
            for (int i = words.length - 1; i >= 0 && last.isEmpty(); i--) {
                String word = ascii(words[i]);
                if (!SUFFIXES.contains(word)) {
                    last = word;
                }
            }
        }
        String first = "";
        String plainTitle =
                COMMAND.matcher(MATH.matcher(p.title()).replaceAll(" ")).replaceAll(" ");
        for (String word : NOT_WORD.split(plainTitle, -1)) {
            String ascii = ascii(word);
            if (!ascii.isEmpty() && !SKIPPED_WORDS.contains(ascii)) {
                first = ascii;
                break;
            }
        }
        return (last.isEmpty() ? "anonymous" : last) + p.announced().getYear() + first;
    }

    /** {@code text} in lower-case ASCII letters and digits: accents dropped, others left out. */
    private static String ascii(String text) {
        String decomposed =
                Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        decomposed
                .codePoints()
                .forEach(
                        c -> {
                            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                                out.appendCodePoint(c);
                            } else {
                                String spelled = ASCII_LETTERS.get(c);
                                if (spelled != null) {
                                    out.append(spelled);
                                }
                            }
                        });
        return out.toString();
    }

    /**
     * {@code text} as a field value (without the outer braces): math ({@code $...$}) kept as it is
     * unless its braces do not pair, TeX specials outside math escaped, braces that do not pair
     * replaced by commands that print them. Every brace of the result pairs, so the field ends
     * where it should.
     */
    static String escape(String text) {
        String clean = Text.withoutControls(text).strip();
        StringBuilder out = new StringBuilder(clean.length() + 16);
        int i = 0;
        while (i < clean.length()) {
            int open = nextDollar(clean, i);
            int close = open < 0 ? -1 : nextDollar(clean, open + 1);
            if (open < 0 || close < 0) {
                out.append(escapeText(clean.substring(i)));
                break;
            }
            out.append(escapeText(clean.substring(i, open)));
            out.append(escapeMath(clean.substring(open, close + 1)));
            i = close + 1;
        }
        return out.toString();
    }

    /** The index of the next {@code $} that is not escaped ({@code \$}), or -1. */
    private static int nextDollar(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            if (text.charAt(i) == '$' && (i == 0 || text.charAt(i - 1) != '\\')) {
                return i;
            }
        }
        return -1;
    }

    /** Math as it is, but for braces that do not pair and the characters TeX ends math at. */
    private static String escapeMath(String math) {
        boolean[] unpaired = unpairedBraces(math);
        StringBuilder out = new StringBuilder(math.length());
        for (int i = 0; i < math.length(); i++) {
            char c = math.charAt(i);
            boolean escaped = i > 0 && math.charAt(i - 1) == '\\' && !escapedBackslash(math, i - 1);
            if (unpaired[i]) {
                if (escaped) {
                    out.setLength(out.length() - 1);
                }
                out.append(c == '{' ? "\\lbrace " : "\\rbrace ");
            } else if (!escaped && (c == '%' || c == '#' || c == '&')) {
                out.append('\\').append(c); // a comment or an alignment tab in a title
            } else {
                out.append(c);
            }
        }
        String result = out.toString();
        // a backslash before the closing $ would escape it: TeX would read on into the text
        return result.endsWith("\\$")
                ? result.substring(0, result.length() - 2) + "\\backslash$"
                : result;
    }

    private static String escapeText(String text) {
        boolean[] unpaired = unpairedBraces(text);
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean escaped = i > 0 && text.charAt(i - 1) == '\\' && !escapedBackslash(text, i - 1);
            if (unpaired[i]) {
                if (escaped) {
                    out.setLength(out.length() - 1); // "\{" alone: the command prints it instead
                }
                out.append(c == '{' ? "\\textbraceleft{}" : "\\textbraceright{}");
            } else if (escaped) {
                out.append(c); // already TeX: \& \% \_ \" ...
            } else {
                switch (c) {
                    case '&', '%', '#', '_', '$' -> out.append('\\').append(c);
                    case '~' -> out.append("\\textasciitilde{}");
                    case '^' -> out.append("\\textasciicircum{}");
                    case '\\' -> {
                        if (i == text.length() - 1) {
                            out.append("\\textbackslash{}"); // would escape what follows
                        } else {
                            out.append(c);
                        }
                    }
                    default -> out.append(c);
                }
            }
        }
        return out.toString();
    }

    /** Whether the backslash at {@code i} is itself escaped ({@code \\}). */
    private static boolean escapedBackslash(String text, int i) {
        int run = 0;
        for (int j = i; j >= 0 && text.charAt(j) == '\\'; j--) {
            run++;
        }
        return run % 2 == 0;
    }

    /**
     * Per character: a brace without a partner in {@code text} (BibTeX pairs every brace, escaped
     * or not, so these are counted without regard to backslashes).
     */
    private static boolean[] unpairedBraces(String text) {
        boolean[] unpaired = new boolean[text.length()];
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                open.add(i);
            } else if (c == '}') {
                if (open.isEmpty()) {
                    unpaired[i] = true;
                } else {
                    open.removeLast();
                }
            }
        }
        open.forEach(i -> unpaired[i] = true);
        return unpaired;
    }

    /** The {@code .bib} file name of a paper: its id, with an old-style id's slash as a dash. */
    static String fileName(String id) {
        return id.replace('/', '-') + ".bib";
    }
}
