package paperboy.mail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

/** Builds the MIME message of a {@link Mail}: the same bytes go to SMTP and to .eml files. */
final class MimeMessages {
    private MimeMessages() {}

    // Jakarta Mail's setSentDate takes a java.util.Date: the API requires it.
    @SuppressWarnings("JavaUtilDate")
    static MimeMessage build(Session session, Mail mail, String from) throws MessagingException {
        InternetAddress sender = new InternetAddress(from);
        String domain = sender.getAddress().substring(sender.getAddress().indexOf('@') + 1);
        MimeMessage message =
                new MimeMessage(session) {
                    /**
                     * In the sender's domain, not this machine's host name (spam filters look at
                     * it).
                     */
                    @Override
                    protected void updateMessageID() throws MessagingException {
                        setHeader("Message-ID", "<" + UUID.randomUUID() + "@" + domain + ">");
                    }
                };
        message.setFrom(sender);
        message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(mail.to(), true));
        message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());
        if (mail.html() == null) {
            message.setText(mail.text(), StandardCharsets.UTF_8.name());
        } else {
            MimeMultipart alternative = new MimeMultipart("alternative");
            MimeBodyPart text = new MimeBodyPart();
            text.setText(mail.text(), StandardCharsets.UTF_8.name());
            MimeBodyPart html = new MimeBodyPart();
            html.setText(mail.html(), StandardCharsets.UTF_8.name(), "html");
            alternative.addBodyPart(text);
            alternative.addBodyPart(html);
            message.setContent(alternative);
        }
        for (Map.Entry<String, String> h : mail.headers().entrySet()) {
            message.setHeader(h.getKey(), h.getValue());
        }
        message.saveChanges();
        return message;
    }
}
