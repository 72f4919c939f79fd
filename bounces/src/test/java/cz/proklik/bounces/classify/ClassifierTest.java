package cz.proklik.bounces.classify;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ClassifierTest {
    private final Classifier classifier = Classifier.standard();

    @Test
    void aFiveHundredReplyAloneIsNeverHard() {
        Verdict v = classifier.classify(null, "550", "550 Requested action not taken");
        assertThat(v.kind()).isEqualTo(Kind.SOFT);
        assertThat(v.reason()).isEqualTo(Reason.UNDETERMINED);
    }

    @Test
    void aPermanentRefusalOfTheSendersServerIsAPolicyBlockNotADeadAddress() {
        Verdict v = classifier.classify("5.7.1", "550",
                "550 5.7.1 Service unavailable; Client host [203.0.113.5] blocked using zen.spamhaus.org");
        assertThat(v.reason()).isEqualTo(Reason.POLICY_BLOCKED);
        assertThat(v.kind()).isEqualTo(Kind.SOFT);
        assertThat(v.reason().aboutSender()).isTrue();
    }

    @Test
    void anIpReputationBlockWorded5_1_1IsStillABlock() {
        // The Mautic #9222 case: a reputation block must not be recorded as an unknown user.
        Verdict v = classifier.classify("5.1.1", "550",
                "550 5.1.1 Messages from 203.0.113.5 weren't sent: poor IP reputation");
        assertThat(v.reason()).isEqualTo(Reason.POLICY_BLOCKED);
    }

    @Test
    void aHardReasonWithATemporaryCodeIsTemporary() {
        Verdict v = classifier.classify("4.1.1", "450",
                "450 4.1.1 <a@b.example>: Recipient address rejected: unverified address: unknown user");
        assertThat(v.reason()).isEqualTo(Reason.TEMPORARY);
        assertThat(v.kind()).isEqualTo(Kind.SOFT);
    }

    @Test
    void aSpecificCodeOutweighsAVagueTryAgainLater() {
        assertThat(classifier.classify("4.2.2", "452", "452 4.2.2 Try again later").reason())
                .isEqualTo(Reason.MAILBOX_FULL);
    }

    @Test
    void nothingToGoOnIsUndeterminedAndSoft() {
        Verdict v = classifier.classify(null, null, null);
        assertThat(v.reason()).isEqualTo(Reason.UNDETERMINED);
        assertThat(v.decidedBy()).isEqualTo("none");
    }

    @ParameterizedTest(name = "{0} without text -> {1}")
    @CsvSource({"5.1.1,USER_UNKNOWN", "5.1.2,HOST_UNKNOWN", "5.1.6,HAS_MOVED", "5.2.2,MAILBOX_FULL",
        "5.3.4,MESSAGE_TOO_LARGE", "5.7.26,POLICY_BLOCKED", "5.6.1,CONTENT_FILTERED", "4.4.7,EXPIRED",
        "4.7.0,POLICY_BLOCKED", "4.9.9,TEMPORARY", "5.9.9,UNDETERMINED", "5.1.99,UNDETERMINED"})
    void statusCodesWithoutTextFallBackToTheCodeTable(String status, Reason expected) {
        Verdict v = classifier.classify(status, null, null);
        assertThat(v.reason()).isEqualTo(expected);
        assertThat(v.decidedBy()).isEqualTo("status:" + status);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "552 5.2.2 Mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException|MAILBOX_FULL",
        "550 5.1.1 The email account that you tried to reach is disabled.|MAILBOX_DISABLED",
        "550 5.7.1 Message rejected because it contains a virus|CONTENT_FILTERED",
        "554 5.7.1 <a@b.example>: Relay access denied|POLICY_BLOCKED",
        "550 5.7.1 Unfortunately, messages from [203.0.113.5] weren't sent. Part of their network is on our block list (S3150)|POLICY_BLOCKED",
        "553 5.7.2 [TSS09] All messages from 203.0.113.5 will be permanently deferred|POLICY_BLOCKED",
        "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup|USER_UNKNOWN",
        "Host or domain name not found. Name service error for name=nowhere.example type=MX|HOST_UNKNOWN",
        "Delivery time expired (could not be delivered in 5 days)|EXPIRED",
        "451 4.3.0 Temporary local problem - please try later|TEMPORARY",
        "L'adresse de messagerie référencée ci-dessus n'existe pas. Veuillez en vérifier l'orthographe.|USER_UNKNOWN",
        "550 Benutzer unbekannt|USER_UNKNOWN",
        "550 Die Adresse existiert nicht|USER_UNKNOWN",
        "550 Adresa příjemce neexistuje|USER_UNKNOWN",
        "550 Neznámý příjemce|USER_UNKNOWN",
        "Votre boîte aux lettres est pleine (quota dépassé)|MAILBOX_FULL",
        "550 Schránka příjemce je plná|MAILBOX_FULL",
        "552 Postfach ist voll|MAILBOX_FULL",
        "554 5.7.1 Adresse IP blockiert: Spamhaus|POLICY_BLOCKED"})
    void providerTextsDecideTheReason(String text, Reason expected) {
        assertThat(classifier.classify(null, null, text).reason()).isEqualTo(expected);
    }
}
