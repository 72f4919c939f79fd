package cz.proklik.report;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class TerminalTextTest {
    @Test
    void aValueKeepsItsTextAndLosesEveryControlAndLineBreak() {
        assertThat(TerminalText.safe("Káva\u001b[31m\u0007\tA\r\nB\u0085\u009b\u202Eevil\u2067x\u2069\u2028end"))
                .isEqualTo("Káva?[31m??A??B???evil?x??end");
        assertThat(TerminalText.safe("Černá káva — 20 %")).isEqualTo("Černá káva — 20 %");
    }

    @Test
    void theOutputGuardKeepsLineEndsAndTabsAndNothingElse() {
        StringWriter printed = new StringWriter();
        try (PrintWriter out = TerminalText.guard(printed)) {
            out.print("a\tb\r\nc\nd\re\u001b]0;title\u0007f\u202Dg");
            out.print("\r");
            out.flush();
            out.print("\nlast\r");
        }
        assertThat(printed.toString()).isEqualTo("a\tb\r\nc\nd?e?]0;title?f?g\r\nlast?");
    }
}
