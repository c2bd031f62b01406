package io.crmbridge.crm.webapi;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The JSON body of a create, update or upsert (reference §3), column by column in the order written and in the
 * Web API's formats: decimals exact (never in exponent form), date-times ISO-8601 UTC, multi-select choices as one
 * comma-separated string, lookups as {@code "<navigation>@odata.bind": "/<entityset>(<id>)"}.
 *
 * <pre>{@code
 * byte[] json = RecordBody.create().text("name", "Contoso").decimal("revenue", "1E+2")
 *         .bind("primarycontactid", RecordAddress.byId("contacts", contact)).toJson();
 * }</pre>
 */
public final class RecordBody {

    private static final JsonFactory JSON = new JsonFactory();

    private final StringWriter out = new StringWriter(128);
    // Text first, then UTF-8: what a character that is not valid UTF-16 becomes is then the JDK's choice (?).
    private final JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), out);

    private RecordBody() {
        json.writeStartObject();
    }

    public static RecordBody create() {
        return new RecordBody();
    }

    public RecordBody text(String column, String value) {
        json.writeStringProperty(column, value);
        return this;
    }

    public RecordBody flag(String column, boolean value) {
        json.writeName(column);
        json.writeBoolean(value);
        return this;
    }

    public RecordBody number(String column, int value) {
        json.writeName(column);
        json.writeNumber(value);
        return this;
    }

    public RecordBody number(String column, long value) {
        json.writeName(column);
        json.writeNumber(value);
        return this;
    }

    public RecordBody number(String column, double value) {
        json.writeName(column);
        json.writeNumber(value);
        return this;
    }

    /**
     * An exact decimal (decimal, money) from its text, written without exponent so no digit is lost.
     *
     * @throws IllegalArgumentException naming the column when {@code text} is not a number
     */
    public RecordBody decimal(String column, String text) {
        BigDecimal number;
        try {
            number = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("column '" + column + "' has a decimal that is not a number", e);
        }
        json.writeName(column);
        json.writeNumber(number.toPlainString());
        return this;
    }

    public RecordBody moment(String column, Instant value) {
        json.writeStringProperty(column, value.toString());
        return this;
    }

    /** A choice (option set) column: the option's value. */
    public RecordBody choice(String column, int value) {
        return number(column, value);
    }

    /** A multi-select choice column: the values comma-separated, as one string. */
    public RecordBody choices(String column, List<Integer> values) {
        return text(column, values.stream().map(String::valueOf).collect(Collectors.joining(",")));
    }

    /** Clears the column. */
    public RecordBody clear(String column) {
        json.writeName(column);
        json.writeNull();
        return this;
    }

    /** Points the lookup with navigation property {@code navigation} at {@code target}. */
    public RecordBody bind(String navigation, RecordAddress target) {
        return text(navigation + "@odata.bind", target.toReference());
    }

    /** Clears the lookup with navigation property {@code navigation}. */
    public RecordBody unbind(String navigation) {
        return clear(navigation + "@odata.bind");
    }

    /** The body; the builder is spent afterwards. */
    public byte[] toJson() {
        json.writeEndObject();
        json.close();
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
