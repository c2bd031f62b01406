package io.crmbridge.sandbox.dataverse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.crmbridge.sandbox.dataverse.ODataLexer.Kind;
import io.crmbridge.sandbox.dataverse.ODataLexer.Token;

/**
 * What addresses one row in a URL: the primary key ({@code accounts(<guid>)}, or the long form
 * {@code accounts(accountid=<guid>)}) or an alternate key, single or multi-part
 * ({@code contacts(firstname='Joe',emailaddress1='abc@example.com')}).
 */
sealed interface EntityKey {

    record PrimaryKey(UUID id) implements EntityKey {
    }

    /** Alternate-key parts by column (or {@code _x_value}) name; values as {@link ODataLexer} gives them. */
    record AlternateKeyValues(Map<String, Object> parts) implements EntityKey {
    }

    /** Parses the text between the parentheses. */
    static EntityKey parse(String predicate) {
        List<Token> tokens = ODataLexer.tokens(predicate);
        if (tokens.size() == 2 && tokens.get(0).value() instanceof UUID id) {
            return new PrimaryKey(id);
        }
        Map<String, Object> parts = new LinkedHashMap<>();
        int i = 0;
        while (true) {
            Token name = tokens.get(i);
            if (name.kind() != Kind.NAME || tokens.get(i + 1).kind() != Kind.EQUALS
                    || tokens.get(i + 2).kind() != Kind.LITERAL) {
                throw DataverseError.badRequest("Bad Request - Error in query syntax: the key '" + predicate
                        + "' is not valid.");
            }
            parts.put(name.text(), tokens.get(i + 2).value());
            Token next = tokens.get(i + 3);
            if (next.kind() == Kind.END) {
                return new AlternateKeyValues(parts);
            }
            if (next.kind() != Kind.COMMA) {
                throw DataverseError.badRequest("Bad Request - Error in query syntax: the key '" + predicate
                        + "' is not valid.");
            }
            i += 4;
        }
    }
}
