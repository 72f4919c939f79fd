package cz.proklik.erp.mailing.list;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;

/** One saved criterion; the constructor checks that the value fits the field and the operator is allowed. */
public record Criterion(CriterionField field, Operator operator, String value) {
    public Criterion {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(operator, "operator");
        if (value == null || value.isBlank() || value.length() > 400) {
            throw new IllegalArgumentException(field.code() + ": a value of 1-400 characters is required");
        }
        value = value.strip();
        if (!field.operators().contains(operator)) {
            throw new IllegalArgumentException(field.code() + " allows only "
                    + field.operators().stream().map(Operator::code).toList() + ", not " + operator.code());
        }
        try {
            switch (field.type()) {
                case INTEGER -> Integer.parseInt(value);
                case DECIMAL -> new BigDecimal(value);
                case DATE -> LocalDate.parse(value);
                case TEXT -> { }
                default -> throw new IllegalStateException();
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException(field.code() + ": '" + value + "' is not a "
                    + field.type().name().toLowerCase(Locale.ROOT)
                    + (field.type() == CriterionField.ValueType.DATE ? " (yyyy-mm-dd)" : ""));
        }
    }

    /** "order_count>=2" */
    @Override
    public String toString() {
        return field.code() + operator.code() + value;
    }
}
