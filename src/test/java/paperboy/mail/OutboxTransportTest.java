package paperboy.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import paperboy.common.OwnerOnly;

/** Without an SMTP server, mail becomes .eml files that appear whole. */
class OutboxTransportTest {
    private static final Mail DIGEST =
            new Mail(
                    "reader@example.org",
                    "Paperboy — 3 papers for you",
                    "Plain text, ünïcode.",
                    "<p>HTML</p>",
                    Map.of(
                            "List-Unsubscribe",
                            "<http://paperboy.test/digest/unsubscribe?t=abc>",
                            "List-Unsubscribe-Post",
                            "List-Unsubscribe=One-Click"));

    @TempDir Path dir;

    private List<Path> files(Path outbox) throws IOException {
        try (Stream<Path> files = Files.list(outbox)) {
            return files.sorted().toList();
        }
    }

    private static MimeMessage read(Path eml) throws Exception {
        try (InputStream in = Files.newInputStream(eml)) {
            return new MimeMessage(Session.getInstance(new Properties()), in);
        }
    }

    @Test
    void writesOneEmlFileWithTheAddressesSubjectAndHeaders() throws Exception {
        Path outbox = dir.resolve("outbox"); // created on first use
        new OutboxTransport(outbox, "Paperboy <paperboy@papers.example>").send(DIGEST);

        List<Path> files = files(outbox);
        assertThat(files).hasSize(1);
        assertThat(files.getFirst().getFileName().toString()).endsWith(".eml");
        MimeMessage m = read(files.getFirst());
        assertThat(m.getFrom()[0].toString()).isEqualTo("Paperboy <paperboy@papers.example>");
        assertThat(m.getAllRecipients()[0].toString()).isEqualTo("reader@example.org");
        assertThat(m.getSubject()).isEqualTo("Paperboy — 3 papers for you");
        assertThat(m.getHeader("List-Unsubscribe", null))
                .isEqualTo("<http://paperboy.test/digest/unsubscribe?t=abc>");
        assertThat(m.getHeader("List-Unsubscribe-Post", null))
                .isEqualTo("List-Unsubscribe=One-Click");
        assertThat(m.getMessageID()).as("in the sender's domain").endsWith("@papers.example>");
        assertThat(m.getSentDate()).isNotNull();
        MimeMultipart alternative = (MimeMultipart) m.getContent();
        assertThat(alternative.getContentType()).startsWith("multipart/alternative");
        assertThat(alternative.getBodyPart(0).getContent()).isEqualTo("Plain text, ünïcode.");
        assertThat(alternative.getBodyPart(1).getContent()).isEqualTo("<p>HTML</p>");
    }

    @Test
    void theOutboxAndItsMessagesAreReadableByTheirOwnerOnly() throws Exception {
        Path outbox = dir.resolve("outbox");
        new OutboxTransport(outbox, "paperboy@test.local").send(DIGEST);
        Path first = files(outbox).getFirst();
        assertThat(Files.getPosixFilePermissions(outbox)).isEqualTo(OwnerOnly.DIRECTORY);
        assertThat(Files.getPosixFilePermissions(first)).isEqualTo(OwnerOnly.FILE);

        // An outbox from before (sign-in links readable by every account) is tightened on start.
        Files.setPosixFilePermissions(outbox, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(first, PosixFilePermissions.fromString("rw-r--r--"));
        new OutboxTransport(outbox, "paperboy@test.local");
        assertThat(Files.getPosixFilePermissions(outbox)).isEqualTo(OwnerOnly.DIRECTORY);
        assertThat(Files.getPosixFilePermissions(first)).isEqualTo(OwnerOnly.FILE);
    }

    @Test
    void plainMailIsOneTextPart() throws Exception {
        new OutboxTransport(dir, "paperboy@test.local")
                .send(Mail.plain("a@example.org", "Sign in", "Your link"));
        MimeMessage m = read(files(dir).getFirst());
        assertThat(m.getContentType())
                .startsWith("text/plain")
                .containsIgnoringCase("charset=UTF-8");
        assertThat(m.getContent()).isEqualTo("Your link");
    }

    @Test
    void eachMessageIsAFileOfItsOwn() throws Exception {
        OutboxTransport outbox = new OutboxTransport(dir, "paperboy@test.local");
        for (int i = 0; i < 3; i++) {
            outbox.send(Mail.plain("a@example.org", "Sign in", "Link " + i));
        }
        assertThat(files(dir))
                .hasSize(3)
                .allSatisfy(f -> assertThat(f.toString()).endsWith(".eml"));
    }

    @Test
    void theCommitRunsWhenTheMessageIsWrittenButBeforeTheEmlFileAppears() throws Exception {
        OutboxTransport outbox = new OutboxTransport(dir, "paperboy@test.local");
        outbox.send(
                Mail.plain("a@example.org", "Digest", "Papers"),
                () -> {
                    try {
                        List<Path> during = files(dir);
                        assertThat(during).hasSize(1);
                        assertThat(during.getFirst().toString())
                                .as("written, under a name no mail client opens")
                                .endsWith(".tmp");
                        assertThat(Files.size(during.getFirst())).isPositive();
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                });
        assertThat(files(dir))
                .singleElement()
                .satisfies(f -> assertThat(f.toString()).endsWith(".eml"));
    }

    @Test
    void aCommitThatThrowsLeavesNoFileAndPropagates() {
        OutboxTransport outbox = new OutboxTransport(dir, "paperboy@test.local");
        assertThatThrownBy(
                        () ->
                                outbox.send(
                                        Mail.plain("a@example.org", "Digest", "Papers"),
                                        () -> {
                                            throw new IllegalStateException("the database is gone");
                                        }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the database is gone");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void anOutboxThatCannotBeWrittenIsAFailureNamingIt() throws Exception {
        Path notADirectory =
                Files.writeString(dir.resolve("outbox"), "a file where the outbox should be");
        OutboxTransport outbox = new OutboxTransport(notADirectory, "paperboy@test.local");
        assertThatThrownBy(() -> outbox.send(Mail.plain("a@example.org", "Sign in", "Link")))
                .isInstanceOfSatisfying(
                        MailFailure.class,
                        f -> {
                            assertThat(f.getMessage())
                                    .contains("cannot write mail to " + notADirectory);
                            assertThat(f.isTransient()).as("a full disk may pass").isTrue();
                            assertThat(f.smtpCode()).isZero();
                        });
        assertThat(outbox.describe()).isEqualTo("outbox " + notADirectory);
    }
}
