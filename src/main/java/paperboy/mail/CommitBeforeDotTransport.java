package paperboy.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.io.IOException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.jspecify.annotations.Nullable;

/**
 * Angus's SMTP transport with one hook: {@link #beforeFinalDot} runs after the whole message has
 * been written and before the "." that ends SMTP's DATA, the moment the server takes the message
 * for good. A sender that records "sent" there and dies before the dot leaves a message the server
 * never delivers (it drops an unfinished DATA); dying after the dot leaves it delivered and
 * recorded. So a crash cannot send a digest twice. {@link SmtpTransport} makes one per message.
 */
public class CommitBeforeDotTransport extends SMTPTransport {
    private Runnable beforeFinalDot = () -> {};

    public CommitBeforeDotTransport(Session session, @Nullable URLName urlname) {
        this(session, urlname, "smtp", false);
    }

    protected CommitBeforeDotTransport(
            Session session, @Nullable URLName urlname, String name, boolean ssl) {
        super(session, urlname, name, ssl);
    }

    /**
     * Runs {@code hook} before the final dot of the next message; if it throws, the message is not
     * finished.
     */
    void beforeFinalDot(Runnable hook) {
        this.beforeFinalDot = hook;
    }

    @Override
    protected void finishData() throws IOException, MessagingException {
        beforeFinalDot.run();
        super.finishData();
    }

    /** The same over implicit TLS (port 465). */
    public static final class Ssl extends CommitBeforeDotTransport {
        public Ssl(Session session, @Nullable URLName urlname) {
            super(session, urlname, "smtps", true);
        }
    }
}
