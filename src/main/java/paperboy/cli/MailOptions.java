package paperboy.cli;

import java.util.EnumMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import paperboy.config.Setting;
import picocli.CommandLine.Option;

/**
 * The SMTP settings as flags, for the commands that send mail. Each overrides its environment
 * variable and config key (see README, "Settings").
 */
final class MailOptions {
    @Option(
            names = "--smtp-host",
            paramLabel = "HOST",
            description =
                    "SMTP server (env PAPERBOY_SMTP_HOST); none = mail goes to .eml files in"
                            + " DATA/outbox.")
    private @Nullable String host;

    @Option(
            names = "--smtp-port",
            paramLabel = "N",
            description = "SMTP port (default 587; env PAPERBOY_SMTP_PORT).")
    private @Nullable String port;

    @Option(
            names = "--smtp-security",
            paramLabel = "MODE",
            description =
                    "none, starttls (required; the default) or ssl (env PAPERBOY_SMTP_SECURITY).")
    private @Nullable String security;

    @Option(
            names = "--smtp-user",
            paramLabel = "USER",
            description = "SMTP user (env PAPERBOY_SMTP_USER).")
    private @Nullable String user;

    @Option(
            names = "--smtp-password",
            paramLabel = "PASSWORD",
            description =
                    "SMTP password (env PAPERBOY_SMTP_PASSWORD, which other users cannot read in"
                            + " ps, is safer).")
    private @Nullable String password;

    @Option(
            names = "--mail-from",
            paramLabel = "ADDRESS",
            description = "Sender address (env PAPERBOY_MAIL_FROM).")
    private @Nullable String from;

    /** The flags given, as settings. */
    Map<Setting, String> flags() {
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        put(flags, Setting.SMTP_HOST, host);
        put(flags, Setting.SMTP_PORT, port);
        put(flags, Setting.SMTP_SECURITY, security);
        put(flags, Setting.SMTP_USER, user);
        put(flags, Setting.SMTP_PASSWORD, password);
        put(flags, Setting.MAIL_FROM, from);
        return flags;
    }

    private static void put(Map<Setting, String> flags, Setting setting, @Nullable String value) {
        if (value != null) {
            flags.put(setting, value);
        }
    }
}
