package paperboy.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/** GreenMail servers on 127.0.0.1 that may take their time to start on a busy machine. */
public final class MailServers {
    /** GreenMail's own default is 2 s, too short for a loaded CI machine. */
    private static final long STARTUP_TIMEOUT_MILLIS = 60_000;

    private MailServers() {
    }

    /** An SMTP server on {@code port} (0: any free one), started. */
    public static GreenMail smtp(int port) {
        return started(setup(port, ServerSetup.PROTOCOL_SMTP));
    }

    /** An SMTP and an IMAP server on free ports, started. */
    public static GreenMail smtpAndImap() {
        return started(setup(0, ServerSetup.PROTOCOL_SMTP), setup(0, ServerSetup.PROTOCOL_IMAP));
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
