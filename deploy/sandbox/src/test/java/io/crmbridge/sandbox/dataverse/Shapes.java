package io.crmbridge.sandbox.dataverse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Documented response shapes under {@code src/test/resources/dataverse}, compared with what the sandbox answers:
 * JSON member by member in order, text line by line, with placeholders for values that vary.
 */
final class Shapes {

    private Shapes() {
    }

    static String resource(String name) {
        try (InputStream in = Shapes.class.getResourceAsStream("/dataverse/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts that {@code actual} has exactly the members of the template, in its order, with matching values. */
    static void assertJson(String template, JsonNode actual, String api) {
        compare(WebApiClient.JSON.readTree(resource(template)), actual, api, "$");
    }

    /** Asserts that {@code actual} (CRLF line ends) matches the template text line for line. */
    static void assertText(String template, String actual, String api) {
        String expected = resource(template).replace("\r\n", "\n");
        assertThat(actual).matches(Pattern.compile(regex(expected.replace("\n", "\r\n"), api), Pattern.DOTALL));
    }

    private static void compare(JsonNode expected, JsonNode actual, String api, String path) {
        assertThat(actual.getNodeType()).as(path).isEqualTo(expected.getNodeType());
        if (expected.isObject()) {
            assertThat(names(actual)).as(path + " members").containsExactlyElementsOf(names(expected));
            for (String name : names(expected)) {
                compare(expected.get(name), actual.get(name), api, path + "." + name);
            }
        } else if (expected.isArray()) {
            assertThat(actual.size()).as(path + " size").isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                compare(expected.get(i), actual.get(i), api, path + "[" + i + "]");
            }
        } else if (expected.isString()) {
            assertThat(actual.stringValue()).as(path).matches(regex(expected.stringValue(), api));
        } else if (expected.isNumber()) {
            assertThat(actual.decimalValue()).as(path).isEqualByComparingTo(expected.decimalValue());
            assertThat(actual.toString()).as(path + " as written").isEqualTo(expected.toString());
        } else {
            assertThat(actual).as(path).isEqualTo(expected);
        }
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }

    private static String regex(String template, String api) {
        String quoted = Pattern.quote(template.replace("{api}", api));
        return quoted
                .replace("{guid}", "\\E[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\Q")
                .replace("{etag}", "\\EW/\"\\d+\"\\Q")
                .replace("{deltatoken}", "\\E\\d+%21\\d\\d%2f\\d\\d%2f\\d{4}%20\\d\\d%3a\\d\\d%3a\\d\\d\\Q")
                .replace("{any}", "\\E[^\\r\\n]*\\Q");
    }
}
