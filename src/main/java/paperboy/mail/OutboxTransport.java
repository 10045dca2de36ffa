package paperboy.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import paperboy.common.OwnerOnly;

/**
 * No SMTP server configured: each message becomes an .eml file in the outbox directory (any mail
 * client opens it) and a log line, so an embedded instance's sign-in links and digests can be read
 * without a mail server. Files appear whole (written, then renamed). Thread-safe.
 */
public final class OutboxTransport implements MailTransport {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxTransport.class);

    private final Path dir;
    private final String from;
    private final Session session = Session.getInstance(new Properties());

    /**
     * Mail goes to {@code dir}, readable by its owner only (a message may hold a sign-in link); the
     * messages already there are made so now.
     */
    public OutboxTransport(Path dir, String from) {
        this.dir = dir;
        this.from = from;
        if (Files.isDirectory(dir)) {
            OwnerOnly.tighten(dir);
        }
    }

    @Override
    public void send(Mail mail, Runnable commit) throws MailFailure {
        try {
            OwnerOnly.directory(dir);
            String name =
                    Instant.now().toString().replace(':', '-')
                            + "-"
                            + UUID.randomUUID().toString().substring(0, 8);
            Path tmp = dir.resolve(name + ".tmp");
            Path file = dir.resolve(name + ".eml");
            Files.createFile(tmp);
            OwnerOnly.file(tmp); // before a byte of the message is in it
            try (OutputStream out = Files.newOutputStream(tmp)) {
                MimeMessages.build(session, mail, from).writeTo(out);
            }
            try {
                commit.run();
            } catch (RuntimeException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            LOG.info("mail to {} ({}) written to {}", mail.to(), mail.subject(), file);
        } catch (IOException | MessagingException e) {
            throw new MailFailure(
                    "cannot write mail to " + dir + ": " + e.getMessage(), true, 0, e);
        } catch (UncheckedIOException e) { // the outbox directory could not be made
            throw new MailFailure(
                    "cannot write mail to " + dir + ": " + e.getMessage(), true, 0, e);
        }
    }

    @Override
    public String describe() {
        return "outbox " + dir;
    }
}
