package cz.proklik.bounces.parse;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Layouts of real reports that the corpus formats do not show, each written after a message of flufl.bounce's
 * real-world collection (bench/bounces.sh): which recipient they name, with which diagnostic.
 */
class ReportLayoutTest {
    private final BounceParser parser = new BounceParser(Set.of("news@proklik.example"));

    private ParsedMessage.Bounce bounce(String message) {
        ParsedMessage parsed = parser.parse(message.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
        assertThat(parsed).isInstanceOf(ParsedMessage.Bounce.class);
        return (ParsedMessage.Bounce) parsed;
    }

    @Test
    void theOriginalRecipientIsTheAddressMailedNotWhereTheServerRewroteIt() {
        // PMDF (dsn_04): Final-Recipient is the local mailbox the address was rewritten to.
        ParsedMessage.Bounce b = bounce("""
                From: PMDF e-Mail Interconnect <postmaster@yogi.example.ch>
                To: bounces@proklik.example
                Subject: Delivery Notification: Delivery has failed
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="B"

                --B
                Content-Type: text/plain

                Your message cannot be delivered to the following recipients:

                  Recipient address: HAASM@yogi.example.ch
                  Original address: jan@example.ch
                -SYSTEM-F-EXDISKQUOTA, disk quota exceeded

                --B
                Content-Type: message/delivery-status

                Reporting-MTA: dns;yogi.example.ch

                Action: failed
                Status: 5.0.0
                Original-recipient: rfc822;jan@example.ch
                Final-recipient: rfc822;HAASM@yogi.example.ch

                --B--
                """);
        assertThat(b.recipients()).singleElement().satisfies(r -> {
            assertThat(r.address()).isEqualTo("jan@example.ch");
            assertThat(r.diagnostic()).contains("disk quota exceeded");
        });
    }

    @Test
    void aDeliveryReportWhoseStatusPartNamesNobodyIsReadFromItsText() {
        // simple_13: the report part was emptied ("Message removed"), no From, a French subject.
        ParsedMessage.Bounce b = bounce("""
                Subject: Utilisateur non recensé dans l'annuaire
                To: bounces@proklik.example
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="B"

                --B
                Content-Type: text/plain; charset="UTF-8"

                A message could not be delivered to:
                marie@example.fr
                L'adresse de messagerie référencée ci-dessus n'existe pas.

                --B
                Content-Type: message/delivery-status
                Reporting-MTA: mimesweeper.example.fr

                Message removed

                --B--
                """);
        assertThat(b.recipients()).singleElement().satisfies(r -> {
            assertThat(r.address()).isEqualTo("marie@example.fr");
            assertThat(r.diagnostic()).contains("n'existe pas");
        });
    }

    @Test
    void anX400AddressOfAnExchangeGatewayStartsTheRecipientsBlock() {
        // microsoft_04: the address is inside an X.400 address and repeated alone in a transcript further down.
        ParsedMessage.Bounce b = bounce("""
                From: System Administrator <postmaster@nexus.example>
                To: bounces@proklik.example
                Subject: Undeliverable: Novinky
                MIME-Version: 1.0
                Content-Type: text/plain

                Your message

                  To:      xxx
                  Subject: Novinky

                did not reach the following recipient(s):

                c=US;a= ;p=IKON;o=Nexus2;dda:SMTP=pavel@example.COM; on Fri, 4 Oct 2002
                17:12:28 -0400
                    The recipient name is not recognized
                    MSEXCH:IMS:IKON:Nexus2:BKB02-IMS-01 0 (000C05A6) Unknown Recipient

                   ----- Transcript of session follows -----

                   pavel@example.COM
                """);
        assertThat(b.recipients()).singleElement().satisfies(r -> {
            assertThat(r.address()).isEqualToIgnoringCase("pavel@example.com");
            assertThat(r.diagnostic()).contains("The recipient name is not recognized");
        });
    }

    @Test
    void aFailedRecipientsNoticeIsTakenAndTheReportsOwnAddresseeIsNeverARecipient() {
        // bounce_02: not from a mail system, known by its subject and its "Failed Recipients" block; the report
        // goes to the sender's bounce box, which the returned copy also names.
        ParsedMessage.Bounce b = bounce("""
                From: E500_SMTP_Mail_Service@example.org
                To: <list-bounces@proklik.example>
                Subject: Returned Mail - Error During Delivery
                MIME-Version: 1.0
                Content-Type: text/plain

                ------ Failed Recipients ------

                <ivana@example.com>: Requested action not taken: mailbox unavailable. [SMTP Error Code 550]
                list-bounces@proklik.example asked for this notice.
                """);
        assertThat(b.recipients()).extracting(FailedRecipient::address).containsExactly("ivana@example.com");
    }

    @Test
    void aReportForwardedAsAnAttachmentIsReadFromTheAttachedReport() {
        // dsn_15, and issue 17's "forwarded by a relay": the outer message is a plain forward whose To is the
        // bounce box; the attached message is the real RFC 3464 report.
        ParsedMessage.Bounce b = bounce("""
                From: postmaster@relay.example.com
                To: bounces@proklik.example
                Subject: Fwd: Delivery Status Notification (Failure)
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="OUTER"

                --OUTER
                Content-Type: text/plain

                Forwarded by the relay.

                --OUTER
                Content-Type: message/rfc822

                From: postmaster@mx.example.com
                To: bounces@proklik.example
                Subject: Delivery Status Notification (Failure)
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="INNER"

                --INNER
                Content-Type: text/plain

                Delivery to the following recipients failed.

                --INNER
                Content-Type: message/delivery-status

                Reporting-MTA: dns;mx.example.com

                Final-Recipient: rfc822;tereza@example.com
                Action: failed
                Status: 5.1.1

                --INNER
                Content-Type: message/rfc822

                From: news@proklik.example
                To: tereza@example.com
                Subject: Novinky
                Message-ID: <42.abc@proklik.example>

                Hello.

                --INNER--

                --OUTER--
                """);
        assertThat(b.recipients()).singleElement().satisfies(r -> {
            assertThat(r.address()).isEqualTo("tereza@example.com");
            assertThat(r.status()).isEqualTo("5.1.1");
        });
        assertThat(b.original().messageId()).isEqualTo("42.abc@proklik.example");
    }

    @Test
    void aDelayWarningInWordsIsANoticeAndAFinalFailureStaysABounce() {
        // simple_03 (Exim) and simple_28 (Exchange): the server will retry; not a failure.
        String warning = """
                From: Mail Delivery System <Mailer-Daemon@mx.example.za>
                To: bounces@proklik.example
                Subject: Warning: message 14jRTi-0007jE-00 delayed 24 hours
                MIME-Version: 1.0
                Content-Type: text/plain

                This message was created automatically by mail delivery software.
                A message that you sent has not yet been delivered to all its recipients
                after more than 24 hours on the queue on mx.example.za.

                The address to which the message has not yet been delivered is:

                  sipho@example.za

                No action is required on your part. Delivery attempts will continue for
                some time, and this warning may be repeated at intervals if the message
                remains undelivered.
                """;
        ParsedMessage parsed = parser.parse(warning.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
        assertThat(parsed).isInstanceOfSatisfying(ParsedMessage.Notice.class,
                n -> assertThat(n.action()).isEqualTo("delayed"));

        ParsedMessage.Bounce gaveUp = bounce(warning.replace("Subject: Warning: message 14jRTi-0007jE-00 delayed 24 hours",
                "Subject: Mail delivery failed").replace("Delivery attempts will continue for",
                "Retry timeout exceeded; giving up after"));
        assertThat(gaveUp.recipients()).extracting(FailedRecipient::address).containsExactly("sipho@example.za");
    }
}
