package paperboy.mail;

/**
 * A message that could not be delivered. {@link #isTransient()} is true for failures that may pass
 * (SMTP 4xx replies, refused or broken connections): try again later; false for permanent ones
 * (SMTP 5xx: no such mailbox, rejected).
 */
public final class MailFailure extends Exception {
    private final String message;
    private final boolean transientFailure;
    private final int smtpCode;

    public MailFailure(String message, boolean transientFailure, int smtpCode, Throwable cause) {
        super(message, cause);
        this.message = message;
        this.transientFailure = transientFailure;
        this.smtpCode = smtpCode;
    }

    /**
     * What failed, for the log and the outbox: never {@code null}, unlike a Throwable's in general.
     */
    @Override
    public String getMessage() {
        return message;
    }

    public boolean isTransient() {
        return transientFailure;
    }

    /** The SMTP reply code, or 0 when the failure came before a reply (no connection). */
    public int smtpCode() {
        return smtpCode;
    }
}
