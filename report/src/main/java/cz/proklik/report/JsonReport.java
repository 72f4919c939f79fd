package cz.proklik.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

/**
 * The report as one JSON object, the DAO records as they are (field names = record components; rates as fractions,
 * money as numbers with 4 decimals, times ISO-8601 UTC, NULL = null), for scripts and other tools.
 */
final class JsonReport {
    // jackson-datatype-jsr310 would be one more dependency for two types whose toString() is already ISO-8601.
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new SimpleModule("proklik-time")
                    .addSerializer(Instant.class, ToStringSerializer.instance)
                    .addSerializer(LocalDate.class, ToStringSerializer.instance))
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    static {
        MAPPER.getFactory().setCharacterEscapes(new TerminalEscapes());
    }

    private JsonReport() {
    }

    /**
     * JSON escapes C0 controls itself; C1 controls and bidi controls would go out raw and reach a terminal. As
     * backslash-u escapes the value stays exact for a parser and inert on a screen; other text stays as it is.
     */
    private static final class TerminalEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] ascii = standardAsciiEscapesForJSON();

        TerminalEscapes() {
            ascii[0x7F] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return TerminalText.isControl((char) ch)
                    ? new SerializedString(String.format(Locale.ROOT, "\\u%04x", ch)) : null;
        }
    }

    static void write(Writer out, Object value) {
        try {
            MAPPER.writeValue(out, value);
            out.write(System.lineSeparator());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
