package io.crmbridge.sandbox.dataverse;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.crmbridge.sandbox.dataverse.ODataLexer.Kind;
import io.crmbridge.sandbox.dataverse.ODataLexer.Token;

/** Parses {@code $filter} text by recursive descent over {@link ODataLexer} tokens: or → and → unary → comparison. */
final class FilterParser {
    private static final List<String> OPERATORS = List.of("eq", "ne", "gt", "ge", "lt", "le");
    private static final List<String> FUNCTIONS = List.of("contains", "startswith", "endswith");
    private final TableDefinition table;
    private final List<Token> tokens;
    private final String text;
    private int position;

    FilterParser(TableDefinition table, String text) {
        this.table = table;
        this.tokens = ODataLexer.tokens(text);
        this.text = text;
    }

    FilterExpression parse() {
        FilterExpression expression = or();
        expect(Kind.END);
        return expression;
    }

    private FilterExpression or() {
        FilterExpression left = and();
        while (isWord("or")) {
            position++;
            left = new FilterExpression.Or(left, and());
        }
        return left;
    }

    private FilterExpression and() {
        FilterExpression left = unary();
        while (isWord("and")) {
            position++;
            left = new FilterExpression.And(left, unary());
        }
        return left;
    }

    private FilterExpression unary() {
        if (isWord("not")) {
            position++;
            return new FilterExpression.Not(unary());
        }
        if (peek().kind() == Kind.OPEN) {
            position++;
            FilterExpression inner = or();
            expect(Kind.CLOSE);
            return inner;
        }
        if (peek().kind() == Kind.NAME && FUNCTIONS.contains(peek().text())) {
            return function();
        }
        return comparison();
    }

    private FilterExpression function() {
        String name = next().text();
        expect(Kind.OPEN);
        int column = column(expect(Kind.NAME).text());
        expect(Kind.COMMA);
        Token literal = expect(Kind.LITERAL);
        expect(Kind.CLOSE);
        if (!(literal.value() instanceof String needle) || !table.column(column).type().isText()) {
            throw DataverseError.badRequest("The function '" + name + "' needs a text column and a string.");
        }
        return new FilterExpression.TextFunction(name, column, needle);
    }

    private FilterExpression comparison() {
        int column = column(expect(Kind.NAME).text());
        Token operator = expect(Kind.NAME);
        if (!OPERATORS.contains(operator.text())) {
            throw DataverseError.badRequest("Syntax error: '" + operator.text() + "' at position "
                    + operator.position() + " in '" + text + "' is not a supported operator.");
        }
        Token literal = expect(Kind.LITERAL);
        return new FilterExpression.Comparison(column, operator.text(), typed(table.column(column), literal));
    }

    private int column(String property) {
        int index = table.propertyIndex(property);
        if (index < 0) {
            throw DataverseError.badRequest("Could not find a property named '" + property + "' on type "
                    + "'Microsoft.Dynamics.CRM." + table.logicalName() + "'.");
        }
        return index;
    }

    private Object typed(Column column, Token literal) {
        Object value = literal.value();
        if (value == ODataLexer.NULL) {
            return null;
        }
        boolean fits = switch (column.type()) {
            case STRING, MEMO -> value instanceof String;
            case INTEGER, BIGINT, DECIMAL, MONEY, DOUBLE, CHOICE, STATE, STATUS -> value instanceof BigDecimal;
            case BOOLEAN -> value instanceof Boolean;
            case DATETIME -> value instanceof Instant;
            case UNIQUEIDENTIFIER, LOOKUP, CUSTOMER -> value instanceof UUID;
            case MULTI_CHOICE -> false;
        };
        if (!fits) {
            throw DataverseError.badRequest("A binary operator with incompatible types was detected. Found "
                    + "operand types '" + column.type().edmType() + "' and '" + literal.text() + "' for the "
                    + "column '" + column.logicalName() + "'.");
        }
        return value;
    }

    private boolean isWord(String word) {
        return peek().kind() == Kind.NAME && peek().text().equals(word);
    }

    private Token peek() {
        return tokens.get(position);
    }

    private Token next() {
        return tokens.get(position++);
    }

    private Token expect(Kind kind) {
        Token token = next();
        if (token.kind() != kind) {
            throw DataverseError.badRequest("Syntax error at position " + token.position() + " in '" + text
                    + "'.");
        }
        return token;
    }
}
