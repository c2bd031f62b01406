package io.crmbridge.sandbox.dataverse;

import java.util.Optional;

import tools.jackson.databind.JsonNode;

/**
 * Associate and disassociate through {@code $ref} (reference §3.5): set or clear a single-valued navigation
 * property ({@code PUT/DELETE opportunities(<id>)/customerid_account/$ref}), add to or remove from a
 * collection-valued one ({@code POST accounts(<id>)/contact_customer_accounts/$ref}, {@code DELETE
 * .../contact_customer_accounts(<id>)/$ref} or {@code ...?$id=<url>}), which sets the child's lookup.
 */
final class Associations {

    ApiResponse handle(ApiRequest request, TableDefinition table, EntityKey key, String property, String childKey) {
        Optional<TableDefinition.Navigation> single = table.navigation(property);
        if (single.isPresent()) {
            return single(request, table, key, single.get());
        }
        Schema.CollectionNavigation collection = request.org().schema().collection(table, property)
                .orElseThrow(() -> DataverseError.badRequest("Could not find a navigation property named '"
                        + property + "' on type 'Microsoft.Dynamics.CRM." + table.logicalName() + "'."));
        return collection(request, table, key, collection, childKey);
    }

    private ApiResponse single(ApiRequest request, TableDefinition table, EntityKey key,
                               TableDefinition.Navigation navigation) {
        Org org = request.org();
        Rows rows = org.rows(table);
        ResolvedKey resolved = ResolvedKey.of(table, key);
        boolean clear = switch (request.method()) {
            case "PUT" -> false;
            case "DELETE" -> true;
            default -> throw DataverseError.methodNotAllowed(request.method());
        };
        String reference = clear ? null : reference(request);
        request.scope().write(tx -> {
            Row row = resolved.find(tx, rows).orElseThrow(() -> resolved.notFound(table));
            RecordRef target = clear ? null : org.writes().resolve(tx, navigation, reference);
            return org.writes().setLookup(tx, rows, row, navigation.column(), target);
        });
        return ApiResponse.noContent();
    }

    private ApiResponse collection(ApiRequest request, TableDefinition table, EntityKey key,
                                   Schema.CollectionNavigation collection, String childKey) {
        Org org = request.org();
        TableDefinition childTable = collection.referencing();
        Rows parents = org.rows(table);
        Rows children = org.rows(childTable);
        ResolvedKey parentKey = ResolvedKey.of(table, key);
        ResolvedKey child = childKey(request, childTable, childKey);
        boolean add = switch (request.method()) {
            case "POST" -> true;
            case "DELETE" -> false;
            default -> throw DataverseError.methodNotAllowed(request.method());
        };
        request.scope().write(tx -> {
            Row parent = parentKey.find(tx, parents).orElseThrow(() -> parentKey.notFound(table));
            Row row = child.find(tx, children).orElseThrow(() -> child.notFound(childTable));
            RecordRef link = new RecordRef(table.logicalName(), parent.id());
            if (!add && !link.equals(row.value(collection.lookupColumn()))) {
                throw DataverseError.notFound(childTable, row.id());
            }
            return org.writes().setLookup(tx, children, row, collection.lookupColumn(), add ? link : null);
        });
        return ApiResponse.noContent();
    }

    private static ResolvedKey childKey(ApiRequest request, TableDefinition childTable, String childKey) {
        if (childKey != null) {
            return ResolvedKey.of(childTable, EntityKey.parse(childKey));
        }
        String reference = request.method().equals("POST") ? reference(request) : request.query().get("$id");
        if (reference == null) {
            throw DataverseError.badRequest("The request must name the related record with $id or @odata.id.");
        }
        RecordAddress address = RecordAddress.parse(reference);
        if (!address.entitySet().equals(childTable.entitySetName())) {
            throw DataverseError.badRequest("The record '" + reference + "' is not of type '"
                    + childTable.logicalName() + "'.");
        }
        return ResolvedKey.of(childTable, address.key());
    }

    private static String reference(ApiRequest request) {
        JsonNode body = JsonBodies.read(request.body());
        JsonNode id = body.get("@odata.id");
        if (id == null || !id.isString()) {
            throw DataverseError.badRequest("The request body must be {\"@odata.id\": \"<entity URL>\"}.");
        }
        return id.stringValue();
    }
}
