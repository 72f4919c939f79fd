package cz.proklik.app.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.time.LocalDate;

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

    private JsonReport() {
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
