package paperboy.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** GreenMail servers on 127.0.0.1 that may take their time to start on a busy machine. */
public final class MailServers {
    /** GreenMail's own default is 2 s, too short for a loaded CI machine. */
    private static final long STARTUP_TIMEOUT_MILLIS = 60_000;

    private MailServers() {}

    /** An SMTP server on {@code port} (0: any free one), started. */
    public static GreenMail smtp(int port) {
        return started(setup(port, ServerSetup.PROTOCOL_SMTP));
    }

    /**
     * An SMTP and an IMAP server on free ports, started: mail is sent over SMTP and read back over
     * IMAP.
     */
    public static GreenMail smtpAndImap() {
        return started(setup(0, ServerSetup.PROTOCOL_SMTP), setup(0, ServerSetup.PROTOCOL_IMAP));
    }

    /** {@code address}'s inbox read over IMAP (GreenMail keeps a mailbox per recipient). */
    public static List<MimeMessage> imapInbox(GreenMail mail, String address) {
        try {
            mail.setUser(address, address, "secret");
            Session session = Session.getInstance(new Properties());
            try (Store store = session.getStore("imap")) {
                store.connect("127.0.0.1", mail.getImap().getPort(), address, "secret");
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                List<MimeMessage> messages = new ArrayList<>();
                for (Message m : inbox.getMessages()) {
                    messages.add(
                            new MimeMessage(
                                    (MimeMessage) m)); // a copy that outlives the connection
                }
                inbox.close(false);
                return messages;
            }
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot read " + address + " over IMAP", e);
        }
    }

    private static ServerSetup setup(int port, String protocol) {
        ServerSetup setup = new ServerSetup(port, "127.0.0.1", protocol);
        setup.setServerStartupTimeout(STARTUP_TIMEOUT_MILLIS);
        return setup;
    }

    private static GreenMail started(ServerSetup... setups) {
        GreenMail mail = new GreenMail(setups);
        mail.start();
        return mail;
    }
}
