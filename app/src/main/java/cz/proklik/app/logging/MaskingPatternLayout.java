package cz.proklik.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * A pattern layout whose lines above debug pass {@link PersonalDataMask}: the message and the text of its
 * exceptions lose their e-mail and IP addresses before they reach the console or a file.
 */
public final class MaskingPatternLayout extends PatternLayout {
    @Override
    public String doLayout(ILoggingEvent event) {
        String line = super.doLayout(event);
        return event.getLevel().isGreaterOrEqual(Level.INFO) ? PersonalDataMask.mask(line) : line;
    }
}
