package paperboy.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import paperboy.testing.MailServers;
import paperboy.testing.RefusingPort;
import paperboy.testing.ScriptedSmtpServer;

/**
 * Sending over SMTP, against GreenMail (accepts everything) and a scripted server (refuses as
 * told).
 */
class SmtpTransportTest {
    private static final String FROM = "Paperboy <paperboy@papers.example>";
    private GreenMail smtp;

    @BeforeEach
    void startSmtp() {
        smtp = MailServers.smtp(0);
    }

    @AfterEach
    void stopSmtp() {
        smtp.stop();
    }

    private static SmtpTransport to(int port) {
        return new SmtpTransport(new MailSettings("127.0.0.1", port, "none", null, null, FROM));
    }

    @Test
    void deliversTheMessageWithItsAddressesSubjectAndHeaders() throws Exception {
        to(smtp.getSmtp().getPort())
                .send(
                        new Mail(
                                "reader@example.org",
                                "Paperboy — 3 papers for you",
                                "Plain text",
                                "<p>HTML</p>",
                                Map.of(
                                        "List-Unsubscribe",
                                        "<http://paperboy.test/digest/unsubscribe?t=abc>")));

        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage m = received[0];
        assertThat(m.getFrom()[0].toString()).isEqualTo(FROM);
        assertThat(m.getAllRecipients()[0].toString()).isEqualTo("reader@example.org");
        assertThat(m.getSubject()).isEqualTo("Paperboy — 3 papers for you");
        assertThat(m.getHeader("List-Unsubscribe", null))
                .isEqualTo("<http://paperboy.test/digest/unsubscribe?t=abc>");
        assertThat(m.getMessageID()).as("in the sender's domain").endsWith("@papers.example>");
        MimeMultipart alternative = (MimeMultipart) m.getContent();
        assertThat(alternative.getContentType()).startsWith("multipart/alternative");
        assertThat(alternative.getCount()).isEqualTo(2);
    }

    @Test
    void theCommitRunsOnceWithTheWholeMessageWrittenButNotYetAccepted() throws Exception {
        AtomicInteger commits = new AtomicInteger();
        to(smtp.getSmtp().getPort())
                .send(
                        Mail.plain("reader@example.org", "Digest", "Papers"),
                        () -> {
                            commits.incrementAndGet();
                            assertThat(smtp.getReceivedMessages())
                                    .as("the final dot is still to come")
                                    .isEmpty();
                        });
        assertThat(commits).hasValue(1);
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    @Test
    void aCommitThatThrowsSendsNothingAndPropagates() {
        SmtpTransport transport = to(smtp.getSmtp().getPort());
        assertThatThrownBy(
                        () ->
                                transport.send(
                                        Mail.plain("reader@example.org", "Digest", "Papers"),
                                        () -> {
                                            throw new IllegalStateException("the database is gone");
                                        }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the database is gone");
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void aRefusedConnectionIsATransientFailureWithoutACode() {
        try (RefusingPort nobody = new RefusingPort()) {
            assertThatThrownBy(
                            () ->
                                    to(nobody.port())
                                            .send(
                                                    Mail.plain(
                                                            "reader@example.org",
                                                            "Digest",
                                                            "Papers")))
                    .isInstanceOfSatisfying(
                            MailFailure.class,
                            f -> {
                                assertThat(f.isTransient()).isTrue();
                                assertThat(f.smtpCode()).isZero();
                                assertThat(f.getMessage())
                                        .startsWith("mail to reader@example.org failed: ");
                            });
        }
    }

    @Test
    void a4xxReplyIsTransientAndA5xxPermanent() throws Exception {
        try (ScriptedSmtpServer scripted =
                new ScriptedSmtpServer(session -> session == 1 ? 451 : 550)) {
            SmtpTransport transport = to(scripted.port());
            Mail mail = Mail.plain("reader@example.org", "Digest", "Papers");
            assertThatThrownBy(() -> transport.send(mail))
                    .isInstanceOfSatisfying(
                            MailFailure.class,
                            f -> {
                                assertThat(f.isTransient()).isTrue();
                                assertThat(f.smtpCode()).isEqualTo(451);
                                assertThat(f.getMessage()).contains("(SMTP 451)");
                            });
            assertThatThrownBy(() -> transport.send(mail))
                    .isInstanceOfSatisfying(
                            MailFailure.class,
                            f -> {
                                assertThat(f.isTransient()).isFalse();
                                assertThat(f.smtpCode()).isEqualTo(550);
                            });
            assertThat(scripted.delivered()).isZero();
        }
    }

    @Test
    void describesTheServerItSendsTo() {
        assertThat(
                        new SmtpTransport(
                                        new MailSettings(
                                                "smtp.example.org",
                                                587,
                                                "starttls",
                                                "user",
                                                "secret",
                                                FROM))
                                .describe())
                .isEqualTo("SMTP smtp.example.org:587 (starttls)");
    }
}
