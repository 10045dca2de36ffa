package paperboy.web;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import paperboy.catalog.Paper;

/**
 * Writes a list of papers as Atom 1.0 (RFC 4287) or RSS 2.0, with a StAX writer so every title and
 * abstract is escaped as XML text. Stateless.
 */
final class FeedWriter {
    private static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final String DC = "http://purl.org/dc/elements/1.1/";

    private FeedWriter() {}

    /**
     * A feed's own data: {@code selfUrl} is the feed, {@code pageUrl} the page it mirrors (both
     * absolute).
     */
    record Channel(
            String title, String description, String selfUrl, String pageUrl, String baseUrl) {}

    /** The feed of {@code papers} as Atom ({@code atom}) or RSS, ready to serve. */
    static PageCache.Rendered rendered(boolean atom, Channel channel, List<Paper> papers) {
        return atom
                ? new PageCache.Rendered(
                        "application/atom+xml; charset=utf-8",
                        atom(channel, papers).getBytes(StandardCharsets.UTF_8))
                : new PageCache.Rendered(
                        "application/rss+xml; charset=utf-8",
                        rss(channel, papers).getBytes(StandardCharsets.UTF_8));
    }

    static String atom(Channel channel, List<Paper> papers) {
        return write(
                w -> {
                    w.writeStartElement("feed");
                    w.writeDefaultNamespace(ATOM);
                    text(w, "title", channel.title());
                    text(w, "subtitle", channel.description());
                    text(w, "id", channel.selfUrl());
                    link(w, "self", channel.selfUrl(), "application/atom+xml");
                    link(w, "alternate", channel.pageUrl(), "text/html");
                    text(w, "updated", atomDate(newest(papers)));
                    text(w, "generator", "Paperboy");
                    for (Paper p : papers) {
                        String url = channel.baseUrl() + "/papers/" + p.id().id();
                        w.writeStartElement("entry");
                        text(w, "id", url);
                        text(w, "title", p.title());
                        link(w, "alternate", url, "text/html");
                        link(w, "related", "https://arxiv.org/abs/" + p.id().id(), "text/html");
                        text(w, "published", atomDate(p.announced()));
                        text(w, "updated", atomDate(p.updated()));
                        for (String author : p.authors()) {
                            w.writeStartElement("author");
                            text(w, "name", author);
                            w.writeEndElement();
                        }
                        for (String category : p.categories()) {
                            w.writeEmptyElement("category");
                            w.writeAttribute("term", category);
                        }
                        w.writeStartElement("summary");
                        w.writeAttribute("type", "text");
                        w.writeCharacters(xmlSafe(p.abstractText()));
                        w.writeEndElement();
                        w.writeEndElement();
                    }
                    w.writeEndElement();
                });
    }

    static String rss(Channel channel, List<Paper> papers) {
        return write(
                w -> {
                    w.writeStartElement("rss");
                    w.writeAttribute("version", "2.0");
                    w.writeNamespace("atom", ATOM);
                    w.writeNamespace("dc", DC);
                    w.writeStartElement("channel");
                    text(w, "title", asHtml(channel.title()));
                    text(w, "link", channel.pageUrl());
                    text(w, "description", asHtml(channel.description()));
                    w.writeEmptyElement(ATOM, "link");
                    w.writeAttribute("rel", "self");
                    w.writeAttribute("href", channel.selfUrl());
                    w.writeAttribute("type", "application/rss+xml");
                    text(w, "lastBuildDate", rssDate(newest(papers)));
                    text(w, "generator", "Paperboy");
                    for (Paper p : papers) {
                        String url = channel.baseUrl() + "/papers/" + p.id().id();
                        w.writeStartElement("item");
                        text(w, "title", asHtml(p.title()));
                        text(w, "link", url);
                        w.writeStartElement("guid");
                        w.writeAttribute("isPermaLink", "true");
                        w.writeCharacters(url);
                        w.writeEndElement();
                        text(w, "pubDate", rssDate(p.announced()));
                        for (String author : p.authors()) {
                            w.writeStartElement(DC, "creator");
                            w.writeCharacters(xmlSafe(author));
                            w.writeEndElement();
                        }
                        for (String category : p.categories()) {
                            text(w, "category", category);
                        }
                        text(w, "description", asHtml(p.abstractText()));
                        w.writeEndElement();
                    }
                    w.writeEndElement();
                    w.writeEndElement();
                });
    }

    /**
     * RSS 2.0 has no type attribute: readers take a title or description as HTML. Text is escaped
     * as HTML first (and then as XML by the writer), so a title that reads {@code <img src=x
     * onerror=...>} is shown as those characters, never run.
     */
    static String asHtml(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    @FunctionalInterface
    private interface Body {
        void write(XMLStreamWriter w) throws XMLStreamException;
    }

    private static String write(Body body) {
        StringWriter out = new StringWriter(16_384);
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            w.setPrefix("atom", ATOM);
            w.setPrefix("dc", DC);
            w.writeStartDocument("UTF-8", "1.0");
            body.write(w);
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write a feed", e);
        }
        return out.toString();
    }

    private static void text(XMLStreamWriter w, String element, String value)
            throws XMLStreamException {
        w.writeStartElement(element);
        w.writeCharacters(xmlSafe(value == null ? "" : value));
        w.writeEndElement();
    }

    private static void link(XMLStreamWriter w, String rel, String href, String type)
            throws XMLStreamException {
        w.writeEmptyElement("link");
        w.writeAttribute("rel", rel);
        w.writeAttribute("type", type);
        w.writeAttribute("href", href);
    }

    /**
     * Drops characters XML 1.0 cannot carry at all (control characters), which escaping cannot fix.
     */
    static String xmlSafe(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok =
                    c == '\t'
                            || c == '\n'
                            || c == '\r'
                            || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF);
            if (!ok && out == null) {
                out = new StringBuilder(s.length()).append(s, 0, i);
            } else if (ok && out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }

    private static LocalDate newest(List<Paper> papers) {
        return papers.stream()
                .map(Paper::updated)
                .max(LocalDate::compareTo)
                .orElse(LocalDate.EPOCH);
    }

    private static String atomDate(LocalDate d) {
        return d.atStartOfDay(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private static String rssDate(LocalDate d) {
        return d.atStartOfDay(ZoneOffset.UTC).format(DateTimeFormatter.RFC_1123_DATE_TIME);
    }
}
