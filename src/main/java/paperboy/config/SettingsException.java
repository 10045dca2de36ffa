package paperboy.config;

/** A setting has an invalid value; the message names it and says what is expected. */
public class SettingsException extends RuntimeException {
    public SettingsException(String message) {
        super(message);
    }
}
