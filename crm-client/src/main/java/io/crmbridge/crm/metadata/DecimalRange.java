package io.crmbridge.crm.metadata;

import java.math.BigDecimal;

/**
 * What the metadata of a Decimal or Money column says about its numbers ({@code DecimalAttributeMetadata},
 * {@code MoneyAttributeMetadata}), and the exact decimal shape a value of the column has: its {@linkplain #scale
 * scale} (digits after the point) and {@linkplain #precision precision} (all digits). Each fact may be missing
 * (null) from a response; the shape then follows the documented defaults below, chosen so that no value Dataverse
 * can store is refused:
 *
 * <table>
 * <caption>Scale and precision</caption>
 * <tr><th>column</th><th>scale</th><th>integer digits</th></tr>
 * <tr><td>Decimal</td><td>{@code Precision}; unknown → 10 (Dataverse's maximum for decimals)</td>
 *     <td>from {@code MinValue}/{@code MaxValue}; unknown → 12 (±100,000,000,000, the widest range)</td></tr>
 * <tr><td>Money</td><td>{@code Precision} when {@code PrecisionSource} is 0 (the column's own precision);
 *     1 (the organisation's pricing precision), 2 (the currency's precision) or unknown → 4, the most any
 *     currency or the organisation can ask for (and what Dataverse stores)</td>
 *     <td>from {@code MinValue}/{@code MaxValue}; unknown → 15 (±922,337,203,685,477, the widest range)</td></tr>
 * </table>
 *
 * @param precision       Dataverse's {@code Precision}: digits after the point (not Avro's precision); null if absent
 * @param precisionSource Money's {@code PrecisionSource}: 0 column, 1 organisation pricing, 2 currency; null if absent
 * @param minValue        {@code MinValue}; null if absent
 * @param maxValue        {@code MaxValue}; null if absent
 */
public record DecimalRange(Integer precision, Integer precisionSource, BigDecimal minValue, BigDecimal maxValue) {

    static final int DEFAULT_DECIMAL_SCALE = 10;
    static final int MAX_MONEY_SCALE = 4;
    static final BigDecimal WIDEST_DECIMAL = new BigDecimal("100000000000");
    static final BigDecimal WIDEST_MONEY = new BigDecimal("922337203685477");

    /** Nothing known: the defaults apply. */
    public static DecimalRange unknown() {
        return new DecimalRange(null, null, null, null);
    }

    /** Digits after the point of every value of a column of {@code type} ({@code DECIMAL} or {@code MONEY}). */
    public int scale(ColumnType type) {
        if (type == ColumnType.MONEY) {
            // Currency and organisation precision are not in the column's metadata and may change: take the most.
            return precision != null && Integer.valueOf(0).equals(precisionSource) ? precision : MAX_MONEY_SCALE;
        }
        return precision != null ? precision : DEFAULT_DECIMAL_SCALE;
    }

    /** All digits a value of a column of {@code type} may have: its integer digits plus its {@link #scale}. */
    public int totalDigits(ColumnType type) {
        BigDecimal widest = type == ColumnType.MONEY ? WIDEST_MONEY : WIDEST_DECIMAL;
        if (minValue != null && maxValue != null) {
            widest = minValue.abs().max(maxValue.abs());
        }
        return integerDigits(widest) + scale(type);
    }

    private static int integerDigits(BigDecimal value) {
        BigDecimal whole = value.setScale(0, java.math.RoundingMode.DOWN);
        return Math.max(1, whole.precision() - whole.scale());
    }
}
