package paperboy.digest;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

/**
 * The digest mail's jte templates, compiled at build time like the site's (see pom.xml). The HTML
 * part comes from {@code src/main/jte/digest/mail.jte}, compiled with the site's content type Html
 * (every value escaped). The plain-text part comes from {@code src/main/jte-text/digest/mail.jte},
 * compiled by a second plugin execution with content type Plain into {@value #TEXT_PACKAGE}: text
 * has no markup, so a title holding {@code <} or {@code &} must come out as it is, not as <code>
 * &amp;lt;</code> or <code>&amp;amp;</code>, which the Html content type would write. Thread-safe.
 */
final class DigestTemplates {
    /** Where the plugin's plain-text execution puts its classes (pom.xml, {@code packageName}). */
    static final String TEXT_PACKAGE = "gg.jte.generated.text";

    private static final String MAIL = "digest/mail.jte";

    private final TemplateEngine html = TemplateEngine.createPrecompiled(ContentType.Html);
    private final TemplateEngine text =
            TemplateEngine.createPrecompiled(
                    null, ContentType.Plain, DigestTemplates.class.getClassLoader(), TEXT_PACKAGE);

    String html(DigestMail mail) {
        return render(html, mail);
    }

    String text(DigestMail mail) {
        return render(text, mail);
    }

    private static String render(TemplateEngine engine, DigestMail mail) {
        StringOutput out = new StringOutput();
        engine.render(MAIL, mail, out);
        return out.toString();
    }
}
