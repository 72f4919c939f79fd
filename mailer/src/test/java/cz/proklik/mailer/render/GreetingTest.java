package cz.proklik.mailer.render;

import cz.proklik.erp.mailing.ErpContact;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GreetingTest {
    private static ErpContact c(String salutation, String vocFirst, String vocLast, String gender) {
        return new ErpContact("R1", "a@example.com", "Petr", "Svoboda", "cs", null, null, null, true, salutation,
                vocFirst, vocLast, gender);
    }

    @Test
    void theErpsVocativeMakesTheFormalCzechAndSlovakGreeting() {
        assertThat(Greeting.of(c(null, "Petře", "Svobodo", "M"), "cs", true)).isEqualTo("Vážený pane Svobodo");
        assertThat(Greeting.of(c(null, "Jano", "Nováková", "F"), "cs", true)).isEqualTo("Vážená paní Nováková");
        assertThat(Greeting.of(c(null, null, "Horváthová", "F"), "sk", true)).isEqualTo("Vážená pani Horváthová");
        assertThat(Greeting.of(c(null, "Anno", null, "F"), "pl", true)).isEqualTo("Szanowna Pani Anno");
    }

    @Test
    void aReadySalutationWinsAndUnknownDataGivesTheNeutralForm() {
        assertThat(Greeting.of(c("Milý Petře", "Petře", "Svobodo", "M"), "cs", true)).isEqualTo("Milý Petře");
        assertThat(Greeting.of(c(null, null, null, null), "cs", true)).isEqualTo("Dobrý den");
        assertThat(Greeting.of(c(null, "Petře", "Svobodo", null), "cs", true)).isEqualTo("Dobrý den");
        assertThat(Greeting.of(c(null, null, null, "M"), "sk", true)).isEqualTo("Dobrý deň");
        assertThat(Greeting.of(c(null, null, null, null), "hu", true)).isEqualTo("Hello");
    }

    @Test
    void switchedOffOnTheCardItIsAlwaysNeutral() {
        assertThat(Greeting.of(c("Milý Petře", "Petře", "Svobodo", "M"), "cs", false)).isEqualTo("Dobrý den");
    }
}
