package paperboy.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends through an SMTP server with Jakarta Mail (Eclipse Angus). Thread-safe. */
public final class SmtpTransport implements MailTransport {
    private static final Logger LOG = LoggerFactory.getLogger(SmtpTransport.class);
    private final MailSettings settings;
    private final Session session;

    public SmtpTransport(MailSettings settings) {
        this.settings = settings;
        Properties p = new Properties();
        String protocol = settings.security().equals("ssl") ? "smtps" : "smtp";
        p.put("mail.transport.protocol", protocol);
        p.put("mail." + protocol + ".host", settings.host());
        p.put("mail." + protocol + ".port", Integer.toString(settings.port()));
        p.put("mail." + protocol + ".connectiontimeout", "10000");
        p.put("mail." + protocol + ".timeout", "30000");
        p.put("mail." + protocol + ".writetimeout", "30000");
        // Close without waiting for QUIT's answer: after an accepted message it changes nothing,
        // and when the commit before the final dot threw, the server still reads the unfinished
        // DATA and would only answer after its timeout; dropping the connection there discards the
        // message.
        p.put("mail." + protocol + ".quitwait", "false");
        if (settings.security().equals("starttls")) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        boolean auth = settings.user() != null && !settings.user().isBlank();
        p.put("mail." + protocol + ".auth", Boolean.toString(auth));
        this.session = Session.getInstance(p);
    }

    @Override
    public void send(Mail mail, Runnable commit) throws MailFailure {
        CommitBeforeDotTransport transport =
                settings.security().equals("ssl")
                        ? new CommitBeforeDotTransport.Ssl(session, null)
                        : new CommitBeforeDotTransport(session, null);
        try {
            MimeMessage message = MimeMessages.build(session, mail, settings.from());
            transport.beforeFinalDot(commit);
            if (settings.user() != null && !settings.user().isBlank()) {
                transport.connect(settings.user(), settings.password());
            } else {
                transport.connect();
            }
            transport.sendMessage(message, message.getAllRecipients());
        } catch (MessagingException e) {
            throw classify(mail, e);
        } finally {
            closeQuietly(transport);
        }
    }

    /**
     * Ends the session (QUIT). Its failure changes nothing: once the server accepted the message it
     * is delivered, and reporting the failure would have the digest sent again.
     */
    private static void closeQuietly(CommitBeforeDotTransport transport) {
        try {
            transport.close();
        } catch (MessagingException e) {
            LOG.debug("SMTP QUIT failed after the exchange: {}", e.getMessage());
        }
    }

    /** SMTP 5xx replies are permanent; 4xx replies and failures without a reply may pass. */
    static MailFailure classify(Mail mail, MessagingException e) {
        int code = replyCode(e);
        boolean transientFailure = code == 0 || (code >= 400 && code < 500);
        return new MailFailure(
                "mail to "
                        + mail.to()
                        + " failed"
                        + (code == 0 ? "" : " (SMTP " + code + ")")
                        + ": "
                        + e.getMessage(),
                transientFailure,
                code,
                e);
    }

    private static int replyCode(Exception e) {
        for (Throwable t = e;
                t != null;
                t =
                        t instanceof MessagingException m && m.getNextException() != null
                                ? m.getNextException()
                                : t.getCause()) {
            if (t instanceof SMTPAddressFailedException a) {
                return a.getReturnCode();
            }
            if (t instanceof SMTPSenderFailedException s) {
                return s.getReturnCode();
            }
            if (t instanceof SMTPSendFailedException s) {
                return s.getReturnCode();
            }
            if (t instanceof SendFailedException s
                    && s.getNextException() != null
                    && s.getNextException() != t) {
                continue;
            }
            if (t == t.getCause()) {
                break;
            }
        }
        return 0;
    }

    @Override
    public String describe() {
        return "SMTP " + settings.host() + ":" + settings.port() + " (" + settings.security() + ")";
    }
}
