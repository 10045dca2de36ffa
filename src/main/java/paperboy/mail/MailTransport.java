package paperboy.mail;

import java.nio.file.Path;

/**
 * Delivers mail: over SMTP ({@link SmtpTransport}) or, when no SMTP server is configured, into .eml
 * files in the data directory's outbox ({@link OutboxTransport}), so an embedded instance works
 * without one.
 */
public interface MailTransport {
    /** SMTP when {@code settings} name a server, else .eml files in {@code outboxDir}. */
    static MailTransport of(MailSettings settings, Path outboxDir) {
        return settings.smtpConfigured()
                ? new SmtpTransport(settings)
                : new OutboxTransport(outboxDir, settings.from());
    }

    /**
     * Sends {@code mail}.
     *
     * @throws MailFailure saying whether trying again later may help
     */
    default void send(Mail mail) throws MailFailure {
        send(mail, () -> {});
    }

    /**
     * Sends {@code mail}, running {@code commit} at the last moment before the message is handed
     * over for good (SMTP: before the final "." of DATA; outbox: before the file appears). When
     * {@code commit} throws, the message is not handed over and the exception propagates.
     *
     * @throws MailFailure saying whether trying again later may help
     */
    void send(Mail mail, Runnable commit) throws MailFailure;

    /** Where mail goes, for logs and {@code --help}: "SMTP host:port" or the outbox directory. */
    String describe();
}
