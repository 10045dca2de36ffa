package paperboy.digest;

/** A composed digest: what is sent, and how many papers it lists (0 = nothing to send). */
public record Digest(String subject, String text, String html, int papers, String unsubscribeUrl) {}
