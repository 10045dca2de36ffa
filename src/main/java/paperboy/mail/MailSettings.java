package paperboy.mail;

import org.jspecify.annotations.Nullable;
import paperboy.config.Settings;

/**
 * How to reach the SMTP server; {@code host} empty means "no SMTP: write .eml files".
 *
 * @param security {@code none}, {@code starttls} (required, usually port 587) or {@code ssl} (port
 *     465)
 * @param user {@code null}: no authentication
 */
public record MailSettings(
        String host,
        int port,
        String security,
        @Nullable String user,
        @Nullable String password,
        String from) {
    /** The mail part of the process's settings ({@code smtp.*}, {@code mail.from}). */
    public static MailSettings of(Settings settings) {
        return new MailSettings(
                settings.smtpHost(),
                settings.smtpPort(),
                settings.smtpSecurity(),
                settings.smtpUser(),
                settings.smtpPassword(),
                settings.mailFrom());
    }

    public boolean smtpConfigured() {
        return host != null && !host.isBlank();
    }

    @Override
    public String toString() {
        return "MailSettings["
                + (smtpConfigured() ? host + ":" + port + " " + security : "outbox")
                + ", from="
                + from
                + "]";
    }
}
