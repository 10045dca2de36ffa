package paperboy.community;

import java.time.Instant;

/** One curator or admin action. */
public record AuditEntry(Instant at, String memberName, String action, String target) {}
