package cz.proklik.erp.followup;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The text of an item: placeholders filled as data, controls neutralised, bounded. */
class FollowupTextTest {
    private static Map<String, String> jana() {
        return FollowupText.values("R1001", "Jana", "Nováková", "jana@example.com", "C1", "Advent", "hero", null);
    }

    @Test
    void placeholdersAreFilledFromTheContactAndTheTrigger() {
        assertThat(FollowupText.render("Call {name} <{email}> about {link} of {campaign_name} ({campaign}), {order}.",
                jana())).isEqualTo("Call Jana Nováková <jana@example.com> about hero of Advent (C1), .");
        // No name in the ERP: {name} falls back to the id; a placeholder value is never re-read as a placeholder.
        assertThat(FollowupText.render("{name}/{first_name}", FollowupText.values("R9", null, null, null, "C1", "x",
                null, null))).isEqualTo("R9/");
        assertThat(FollowupText.render("{first_name}", FollowupText.values("R9", "{email}$1\\", null, "a@b.c", "C1",
                "x", null, null))).isEqualTo("{email}$1\\");
    }

    @Test
    void controlCharactersBecomeSpacesAndTheTextIsBounded() {
        assertThat(FollowupText.render("{first_name}!", FollowupText.values("R1", "Eve\r\nFAKE\u001b[2J\u202Eexe", null,
                null, "C1", "x", null, null))).isEqualTo("Eve  FAKE [2J exe!");
        String longName = "x".repeat(3000);
        String text = FollowupText.render("{first_name}", FollowupText.values("R1", longName, null, null, "C1", "x",
                null, null));
        assertThat(text).hasSize(FollowupText.MAX_TEXT).endsWith("\u2026");
    }

    @Test
    void templatesAndOwnersAreChecked() {
        assertThat(FollowupText.requireTemplate("Hi {name}")).isEqualTo("Hi {name}");
        assertThatThrownBy(() -> FollowupText.requireTemplate("Hi {salary}")).hasMessageContaining("unknown placeholder {salary}");
        assertThatThrownBy(() -> FollowupText.requireTemplate(" ")).hasMessageContaining("1-1000");
        assertThatThrownBy(() -> FollowupText.requireTemplate("x".repeat(1001))).hasMessageContaining("1-1000");
        assertThat(FollowupText.requireOwner(" novak ")).isEqualTo("novak");
        assertThatThrownBy(() -> FollowupText.requireOwner("a\nb")).hasMessageContaining("control");
    }
}
