package paperboy.community;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.parser.beta.InlineContentParser;
import org.commonmark.parser.beta.InlineContentParserFactory;
import org.commonmark.parser.beta.InlineParserState;
import org.commonmark.parser.beta.ParsedInline;
import org.commonmark.parser.beta.Position;
import org.commonmark.parser.beta.Scanner;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.UrlSanitizer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Comments are CommonMark; this renders them to HTML that cannot carry script: raw HTML in the text
 * is escaped (not passed through), links keep only http(s), mailto and relative URLs ({@code
 * javascript:}, {@code data:}, {@code vbscript:} become empty), images are not loaded (their URL is
 * dropped), and links get {@code rel="nofollow ugc noopener"}.
 *
 * <p>Bounded, whatever the text: one comment must never take a page down. CommonMark's parser
 * builds its tree without recursion, but everything that walks the tree afterwards (the autolink
 * pass, the HTML renderer) recurses once per level, so 5,000 nested list markers overflowed the
 * stack. The parse therefore measures its tree's depth, without recursion, before anything walks
 * it, and a text deeper than {@link #MAX_DEPTH} or longer than {@link #MAX_CHARS} is shown as
 * escaped plain text ({@link #refusal} says why, for forms that refuse it). A rendering that fails
 * in any other way (any {@code Throwable}) is shown as plain text too, with one WARN line in the
 * log. Cost: the core parser looks for the next {@code >} from every {@code <}, quadratic on a text
 * of many {@code <}; here autolinks are found by a scan that stops at the next {@code <} instead.
 * Renderings are kept (least recently used out, up to {@link #KEPT_CHARS}), so pages that show a
 * comment again do not parse it again. Thread-safe.
 */
public final class Markdown {
    /** The longest text rendered as Markdown; longer ones are refused. */
    public static final int MAX_CHARS = 10_000;

    /**
     * The deepest tree rendered: nodes below the document (a list level is two, a list and its
     * item; a quote, an emphasis or a link one). Far beyond what people write, far within a
     * thread's stack.
     */
    public static final int MAX_DEPTH = 32;

    /** Characters of kept renderings (text and HTML together; at most 2 bytes each). */
    static final long KEPT_CHARS = 8_000_000;

    private static final Logger LOG = LoggerFactory.getLogger(Markdown.class);

    private static final List<Extension> EXTENSIONS = List.of(AutolinkExtension.create());

    private static final UrlSanitizer WEB_LINKS_ONLY =
            new UrlSanitizer() {
                @Override
                public String sanitizeLinkUrl(String url) {
                    String u = url.strip();
                    int colon = u.indexOf(':');
                    int slash = u.indexOf('/');
                    boolean relative = colon < 0 || (slash >= 0 && slash < colon);
                    String scheme = colon < 0 ? "" : u.substring(0, colon).toLowerCase(Locale.ROOT);
                    return relative
                                    || scheme.equals("http")
                                    || scheme.equals("https")
                                    || scheme.equals("mailto")
                            ? u
                            : "";
                }

                @Override
                public String sanitizeImageUrl(String url) {
                    return ""; // no remote images in comments: they would track readers
                }
            };

    // The depth guard first: the extensions' post-processors walk the tree by recursion.
    private final Parser parser =
            Parser.builder()
                    .postProcessor(Markdown::refuseDeepTrees)
                    .extensions(EXTENSIONS)
                    .customInlineContentParserFactory(new Autolinks())
                    .build();
    private final HtmlRenderer renderer =
            HtmlRenderer.builder()
                    .extensions(EXTENSIONS)
                    .escapeHtml(true)
                    .sanitizeUrls(true)
                    .urlSanitizer(WEB_LINKS_ONLY)
                    .attributeProviderFactory(
                            context ->
                                    (node, tag, attributes) -> {
                                        if (node instanceof Link) {
                                            attributes.put("rel", "nofollow ugc noopener");
                                        }
                                    })
                    .build();

    /** A text's HTML and, when it is shown as plain text because of a bound, why. */
    private record Rendering(String html, @Nullable String refusal) {}

    private final Map<String, Rendering> kept = new LinkedHashMap<>(256, 0.75f, true);
    private long keptChars;

    /** Safe HTML of {@code markdown}; never throws (see the class comment for the bounds). */
    public String toHtml(String markdown) {
        return rendering(markdown).html();
    }

    /**
     * Why {@code markdown} is beyond the bounds (too long, or nested too deeply) and would show as
     * plain text; empty when it renders as Markdown. Renders it (and keeps that) on the way.
     */
    public Optional<String> refusal(String markdown) {
        return Optional.ofNullable(rendering(markdown).refusal());
    }

    private Rendering rendering(String markdown) {
        synchronized (kept) {
            Rendering known = kept.get(markdown);
            if (known != null) {
                return known;
            }
        }
        Rendering fresh = render(markdown); // outside the lock: two readers may both render once
        keep(markdown, fresh);
        return fresh;
    }

    private Rendering render(String markdown) {
        if (markdown.length() > MAX_CHARS) {
            return new Rendering(
                    plainText(markdown),
                    "A comment may have up to "
                            + MAX_CHARS
                            + " characters; this one has "
                            + markdown.length()
                            + ".");
        }
        try {
            return new Rendering(renderer.render(parser.parse(markdown)), null);
        } catch (TooDeep e) {
            return new Rendering(
                    plainText(markdown),
                    "This comment nests lists, quotes, emphasis or links more than "
                            + MAX_DEPTH
                            + " levels deep. Please write it with less nesting.");
        } catch (Throwable e) { // StackOverflowError included: a page shows the text instead
            LOG.warn(
                    "a comment of {} characters is shown as plain text: rendering it failed ({})",
                    markdown.length(),
                    e.toString());
            return new Rendering(plainText(markdown), null);
        }
    }

    private void keep(String markdown, Rendering rendering) {
        long chars = (long) markdown.length() + rendering.html().length();
        if (chars > KEPT_CHARS) {
            return;
        }
        synchronized (kept) {
            if (kept.putIfAbsent(markdown, rendering) != null) {
                return;
            }
            keptChars += chars;
            Iterator<Map.Entry<String, Rendering>> oldest = kept.entrySet().iterator();
            while (keptChars > KEPT_CHARS && oldest.hasNext()) {
                Map.Entry<String, Rendering> e = oldest.next();
                keptChars -= (long) e.getKey().length() + e.getValue().html().length();
                oldest.remove();
            }
        }
    }

    /** The text as escaped paragraphs: blank lines part them, other line ends become breaks. */
    static String plainText(String text) {
        StringBuilder html = new StringBuilder(text.length() + text.length() / 8 + 16);
        boolean inParagraph = false;
        for (String line : text.split("\r\n|\r|\n", -1)) {
            if (line.isBlank()) {
                if (inParagraph) {
                    html.append("</p>\n");
                    inParagraph = false;
                }
                continue;
            }
            html.append(inParagraph ? "<br>\n" : "<p>");
            inParagraph = true;
            escape(line, html);
        }
        if (inParagraph) {
            html.append("</p>\n");
        }
        return html.toString();
    }

    private static void escape(String text, StringBuilder html) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> html.append("&amp;");
                case '<' -> html.append("&lt;");
                case '>' -> html.append("&gt;");
                case '"' -> html.append("&quot;");
                case '\'' -> html.append("&#39;");
                default -> html.append(c);
            }
        }
    }

    /** Thrown by the parse when its tree is deeper than {@link #MAX_DEPTH}. */
    private static final class TooDeep extends RuntimeException {
        TooDeep() {
            super("deeper than " + MAX_DEPTH, null, false, false);
        }
    }

    /** A post-processor: walks the tree without recursion and throws when it is too deep. */
    private static Node refuseDeepTrees(Node document) {
        Node node = document;
        int depth = 0;
        while (true) {
            Node child = node.getFirstChild();
            if (child != null) {
                node = child;
                if (++depth > MAX_DEPTH) {
                    throw new TooDeep();
                }
                continue;
            }
            while (node != document && node.getNext() == null) {
                node = node.getParent();
                depth--;
            }
            if (node == document) {
                return document;
            }
            node = node.getNext();
        }
    }

    /**
     * {@code <}: an autolink ({@code <https://…>}, {@code <a@b.org>}) when the characters up to the
     * next {@code >} could be one, else a literal {@code <} (raw HTML is escaped anyway). The scan
     * stops at the first {@code <}, {@code >}, space or control character, none of which an
     * autolink may contain, so every character is scanned once. This parser never declines, so the
     * core one (which searches for the next {@code >} from every {@code <}) never runs.
     */
    private static final class Autolinks
            implements InlineContentParserFactory, InlineContentParser {
        // CommonMark 0.31, 6.5: an absolute URI, or an email address
        private static final Pattern URI = Pattern.compile("[a-zA-Z][a-zA-Z0-9.+-]{1,31}:.*");
        private static final Pattern EMAIL =
                Pattern.compile(
                        "[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
                            + "(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*");

        @Override
        public Set<Character> getTriggerCharacters() {
            return Set.of('<');
        }

        @Override
        public InlineContentParser create() {
            return this; // keeps no state
        }

        @Override
        public ParsedInline tryParse(InlineParserState state) {
            Scanner scanner = state.scanner();
            scanner.next();
            Position afterOpening = scanner.position();
            int length = scanner.match(c -> c != '<' && c != '>' && c > ' ');
            if (length > 0 && scanner.peek() == '>') {
                String content = scanner.getSource(afterOpening, scanner.position()).getContent();
                String destination =
                        URI.matcher(content).matches()
                                ? content
                                : EMAIL.matcher(content).matches() ? "mailto:" + content : null;
                if (destination != null) {
                    scanner.next();
                    Link link = new Link(destination, null);
                    link.appendChild(new Text(content));
                    return ParsedInline.of(link, scanner.position());
                }
            }
            return ParsedInline.of(new Text("<"), afterOpening);
        }
    }
}
