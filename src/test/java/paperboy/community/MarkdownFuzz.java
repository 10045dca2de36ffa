package paperboy.community;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Comment texts built to hurt a Markdown parser: deep nesting, long runs of one delimiter, and the
 * patterns CommonMark's pathological tests name (unclosed brackets, links, emphasis, backticks,
 * {@code <}), mixed at random. Seeded: the same seed gives the same texts, so the worst one a test
 * finds is the one {@link MarkdownBench} times. Most are at most {@link Markdown#MAX_CHARS}
 * characters (what a form accepts); a few are longer, to meet the size bound too.
 */
public final class MarkdownFuzz {
    /** The seed of the abuse test and the benchmark. */
    public static final long SEED = 13;

    /** How many texts the abuse test and the benchmark generate beside the seeds. */
    public static final int COUNT = 2000;

    private static final String[] PIECES = {
        "- ",
        "* ",
        "+ ",
        "1. ",
        "1) ",
        "> ",
        "[",
        "]",
        "(",
        ")",
        "![",
        "](",
        "](u)",
        "[a]",
        "*",
        "_",
        "**",
        "__",
        "`",
        "```",
        "~~~",
        "<",
        ">",
        "<a",
        "<a href='",
        "</a>",
        "<!--",
        "-->",
        "\n",
        "\n\n",
        "  ",
        "    ",
        "\t",
        "a",
        "word ",
        "http://x.y/z",
        "www.a.b",
        "a@b.org",
        "<http://x.y>",
        "\\",
        "&#",
        "&amp;",
        "|",
        "# ",
        "===",
        "---",
        "[a]: /u\n",
        "\"",
        "'",
        "!",
        "\u0000",
        "\u00e9",
        "\ud83d\ude00",
        "[l](http://x.y/",
        "<?",
        "<![CDATA[",
        "&",
        "#",
        ":"
    };

    private MarkdownFuzz() {}

    /** The inputs named in issue 13, then nested lists of links. */
    public static List<String> seeds() {
        List<String> seeds = new ArrayList<>();
        seeds.add("- ".repeat(4999) + "x"); // the comment that took a page down: 9,999 characters
        seeds.add("- ".repeat(4999));
        seeds.add("> ".repeat(3000));
        seeds.add("> ".repeat(4999) + "x");
        seeds.add("1. ".repeat(3333));
        seeds.add("[".repeat(5000));
        seeds.add("*".repeat(5000));
        seeds.add("`".repeat(5000));
        seeds.add("*a ".repeat(3333)); // nested emphasis that opens and never closes
        seeds.add("*a **a ".repeat(700) + "b" + " a** a*".repeat(700)); // and closes
        seeds.add("![".repeat(2500) + "a" + "](u)".repeat(1000));
        seeds.add("[\n".repeat(5000)); // quadratic in the lines of one paragraph
        seeds.add("<a\n".repeat(3333));
        seeds.add("<".repeat(10_000)); // quadratic in the core autolink parser
        StringBuilder links = new StringBuilder();
        for (int depth = 0; links.length() < Markdown.MAX_CHARS - 200; depth++) {
            links.append("  ".repeat(depth % 200))
                    .append("- [link ")
                    .append(depth)
                    .append("](https://example.org/")
                    .append(depth)
                    .append(")\n");
        }
        seeds.add(links.toString());
        return seeds;
    }

    /** The seeds, then {@code count} generated texts from {@code seed}. */
    public static List<String> inputs(long seed, int count) {
        Random random = new Random(seed);
        List<String> seeds = seeds();
        List<String> inputs = new ArrayList<>(seeds);
        for (int i = 0; i < count; i++) {
            inputs.add(
                    switch (random.nextInt(5)) {
                        case 0 -> repeat(random, piece(random));
                        case 1 -> repeat(random, pattern(random, 2 + random.nextInt(4)));
                        case 2 -> nested(random);
                        case 3 -> mixed(random);
                        default -> mutated(random, seeds.get(random.nextInt(seeds.size())));
                    });
        }
        return inputs;
    }

    private static String piece(Random random) {
        return PIECES[random.nextInt(PIECES.length)];
    }

    private static String pattern(Random random, int pieces) {
        StringBuilder p = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            p.append(piece(random));
        }
        return p.toString();
    }

    /** {@code unit} repeated up to a random length, mostly near the limit. */
    private static String repeat(Random random, String unit) {
        int length = length(random);
        StringBuilder s = new StringBuilder(length + unit.length());
        while (s.length() + unit.length() <= length) {
            s.append(unit);
        }
        return s.toString();
    }

    /** Container markers nested on each line, deeper line by line, with links and emphasis. */
    private static String nested(Random random) {
        String[] containers = {"- ", "> ", "1. ", "* ", "  "};
        String[] contents = {"[a](http://x.y)", "*a*", "**a**", "`a`", "a", "<http://x.y>", ""};
        int length = length(random);
        StringBuilder s = new StringBuilder();
        int depth = 1 + random.nextInt(64);
        while (s.length() < length) {
            StringBuilder line = new StringBuilder();
            for (int d = 0; d < depth; d++) {
                line.append(containers[random.nextInt(containers.length)]);
            }
            line.append(contents[random.nextInt(contents.length)]).append('\n');
            if (s.length() + line.length() > length) {
                break;
            }
            s.append(line);
            depth += random.nextInt(9) - 2;
            depth = Math.max(1, depth);
        }
        return s.toString();
    }

    private static String mixed(Random random) {
        int length = length(random);
        StringBuilder s = new StringBuilder();
        while (s.length() < length) {
            String p =
                    random.nextInt(4) == 0
                            ? pattern(random, 3).repeat(random.nextInt(50))
                            : piece(random);
            if (s.length() + p.length() > length) {
                break;
            }
            s.append(p);
        }
        return s.toString();
    }

    /** A seed with random pieces put in at random places, cut to a random length. */
    private static String mutated(Random random, String seed) {
        StringBuilder s = new StringBuilder(seed);
        for (int i = random.nextInt(20); i > 0; i--) {
            s.insert(random.nextInt(s.length() + 1), piece(random));
        }
        return s.substring(0, Math.min(s.length(), length(random)));
    }

    /** Mostly near the form's limit, sometimes short, now and then beyond it. */
    private static int length(Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> 1 + random.nextInt(200);
            case 1 -> Markdown.MAX_CHARS + 1 + random.nextInt(5000);
            default -> Markdown.MAX_CHARS - random.nextInt(Markdown.MAX_CHARS / 2);
        };
    }

    /** The text's first characters, escaped so they print on one line. */
    public static String shape(String text) {
        String start = text.substring(0, Math.min(40, text.length()));
        return '"'
                + start.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")
                + (text.length() > 40 ? "…" : "")
                + '"';
    }
}
