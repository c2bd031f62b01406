package io.crmbridge.sandbox.dataverse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import io.crmbridge.sandbox.dataverse.ODataLexer.Kind;
import io.crmbridge.sandbox.dataverse.ODataLexer.Token;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Table definitions: {@code EntityDefinitions} (with {@code $select} and simple {@code $filter} such as
 * {@code ChangeTrackingEnabled eq true}), {@code EntityDefinitions(LogicalName='account')} or by MetadataId, and
 * its {@code /Attributes} and {@code /Keys}. Choice columns carry their options inline (Dataverse needs a cast
 * and {@code $expand=OptionSet} for that; the sandbox is lenient).
 */
final class Metadata {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    ApiResponse handle(ApiRequest request, ODataPath path) {
        if (!request.method().equals("GET")) {
            throw DataverseError.methodNotAllowed(request.method());
        }
        Schema schema = request.org().schema();
        String select = request.query().get("$select");
        if (!path.get(0).hasKey()) {
            List<ObjectNode> entities = new ArrayList<>();
            for (TableDefinition table : schema.tables()) {
                ObjectNode entity = MetadataJson.entity(table);
                if (matches(entity, request.query().get("$filter"))) {
                    entities.add(selected(entity, select));
                }
            }
            return collection(request, "EntityDefinitions" + selectSuffix(select), entities);
        }
        TableDefinition table = find(schema, path.get(0).key());
        if (path.size() == 1) {
            ObjectNode entity = selected(MetadataJson.entity(table), select);
            if ("Attributes".equals(request.query().get("$expand"))) {
                entity.set("Attributes", NODES.arrayNode().addAll(MetadataJson.attributes(table)));
            }
            return single(request, "EntityDefinitions" + selectSuffix(select) + "/$entity", entity);
        }
        String part = path.get(1).name();
        List<ObjectNode> items = switch (part) {
            case "Attributes" -> MetadataJson.attributes(table);
            case "Keys" -> MetadataJson.keys(table);
            default -> throw DataverseError.resourceNotFound(part);
        };
        if (path.size() == 3) {
            // A cast such as Attributes/Microsoft.Dynamics.CRM.PicklistAttributeMetadata keeps that type only.
            String type = "#" + path.get(2).name();
            items = items.stream().filter(item -> type.equals(item.path("@odata.type").asString())).toList();
        }
        List<ObjectNode> selectedItems = items.stream().map(item -> selected(item, select)).toList();
        String context = "EntityDefinitions('" + table.metadataId() + "')/" + part;
        if (path.get(1).hasKey()) {
            Object name = ((EntityKey.AlternateKeyValues) EntityKey.parse(path.get(1).key())).parts().get("LogicalName");
            ObjectNode item = selectedItems.stream().filter(node -> node.path("LogicalName").asString().equals(name))
                    .findFirst().orElseThrow(() -> DataverseError.resourceNotFound(path.get(1).key()));
            return single(request, context + "/$entity", item);
        }
        return collection(request, context, selectedItems);
    }

    private static TableDefinition find(Schema schema, String key) {
        EntityKey parsed = EntityKey.parse(key);
        for (TableDefinition table : schema.tables()) {
            boolean match = parsed instanceof EntityKey.PrimaryKey primary
                    ? primary.id().equals(table.metadataId())
                    : Objects.equals(((EntityKey.AlternateKeyValues) parsed).parts().get("LogicalName"),
                    table.logicalName());
            if (match) {
                return table;
            }
        }
        throw new DataverseError(404, "0x80040217", "Could not find an entity with key " + key + ".");
    }

    /** {@code Name eq literal} terms joined by {@code and}/{@code or}, evaluated left to right. */
    private static boolean matches(ObjectNode entity, String filter) {
        if (filter == null) {
            return true;
        }
        List<Token> tokens = ODataLexer.tokens(filter);
        Boolean result = null;
        String joiner = "and";
        int i = 0;
        while (tokens.get(i).kind() != Kind.END) {
            if (i + 2 >= tokens.size() || tokens.get(i + 2).kind() != Kind.LITERAL) {
                throw DataverseError.badRequest("The sandbox supports only 'Property eq value' filters on metadata.");
            }
            boolean term = term(entity, tokens.get(i).text(), tokens.get(i + 1).text(), tokens.get(i + 2).value());
            result = result == null ? term : joiner.equals("and") ? result && term : result || term;
            i += 3;
            if (tokens.get(i).kind() == Kind.NAME) {
                joiner = tokens.get(i++).text();
            }
        }
        return result == null || result;
    }

    private static boolean term(ObjectNode entity, String property, String operator, Object literal) {
        JsonNode value = entity.get(property);
        if (value == null) {
            throw DataverseError.badRequest("Could not find a property named '" + property
                    + "' on type 'Microsoft.Dynamics.CRM.EntityMetadata'.");
        }
        Object actual = value.isBoolean() ? (Object) value.booleanValue() : value.asString();
        boolean equal = Objects.equals(actual, literal instanceof java.util.UUID ? literal.toString() : literal);
        return operator.equals("ne") != equal;
    }

    private static ObjectNode selected(ObjectNode node, String select) {
        if (select == null) {
            return node;
        }
        ObjectNode selected = NODES.objectNode();
        for (String name : select.split(",")) {
            JsonNode value = node.get(name.trim());
            if (value != null) {
                selected.set(name.trim(), value);
            }
        }
        if (node.has("MetadataId")) {
            selected.set("MetadataId", node.get("MetadataId"));
        }
        return selected;
    }

    private static String selectSuffix(String select) {
        return select == null ? "" : "(" + select + ")";
    }

    private static ApiResponse collection(ApiRequest request, String context, List<ObjectNode> items) {
        ObjectNode body = NODES.objectNode();
        body.put("@odata.context", request.apiBase() + "/$metadata#" + context);
        body.putArray("value").addAll(items);
        return tree(body);
    }

    private static ApiResponse single(ApiRequest request, String context, ObjectNode item) {
        ObjectNode body = NODES.objectNode();
        body.put("@odata.context", request.apiBase() + "/$metadata#" + context);
        body.setAll(item);
        return tree(body);
    }

    private static ApiResponse tree(ObjectNode body) {
        byte[] bytes = JsonBodies.MAPPER.writeValueAsBytes(body);
        return ApiResponse.raw(200, ApiResponse.JSON, out -> out.write(bytes));
    }

    static Map<String, Object> whoAmI(Org org, String callerId) {
        return Map.of("BusinessUnitId", UUID.nameUUIDFromBytes(("bu:" + org.name()).getBytes()).toString(),
                "UserId", UUID.nameUUIDFromBytes(("user:" + callerId).getBytes()).toString(),
                "OrganizationId", UUID.nameUUIDFromBytes(("org:" + org.name()).getBytes()).toString());
    }
}
