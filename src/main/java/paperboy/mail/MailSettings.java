package paperboy.mail;

/**
 * How to reach the SMTP server; {@code host} empty means "no SMTP: write .eml files".
 *
 * @param security {@code none}, {@code starttls} (required, usually port 587) or {@code ssl} (port 465)
 */
public record MailSettings(String host, int port, String security, String user, String password, String from) {
    public boolean smtpConfigured() {
        return host != null && !host.isBlank();
    }

    @Override
    public String toString() {
        return "MailSettings[" + (smtpConfigured() ? host + ":" + port + " " + security : "outbox") + ", from=" + from + "]";
    }
}
