package io.crmbridge.sandbox.dataverse;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes a Web API request to what handles it, by resource path and method, and turns errors into Dataverse error
 * responses. Transport-free: HTTP ({@link DataverseHttp}) and {@code $batch} parts both come through here.
 */
final class WebApi {

    private static final Logger LOG = LoggerFactory.getLogger(WebApi.class);

    private final RecordReads reads = new RecordReads();
    private final RecordWrites writes = new RecordWrites();
    private final Associations associations = new Associations();
    private final Metadata metadata = new Metadata();
    private final Batches batches = new Batches(this::handle);

    ApiResponse handle(ApiRequest request) {
        try {
            return route(request);
        } catch (DataverseError error) {
            return ApiResponse.error(error);
        } catch (RuntimeException unexpected) {
            LOG.error("unexpected failure answering {} {}", request.method(), request.path(), unexpected);
            return ApiResponse.error(new DataverseError(500, "0x80040216", "An unexpected error occurred."));
        }
    }

    private ApiResponse route(ApiRequest request) {
        ODataPath path = ODataPath.parse(request.path());
        if (path.size() == 0) {
            throw DataverseError.resourceNotFound("");
        }
        String resource = path.get(0).name();
        return switch (resource) {
            case "$batch" -> batches.execute(request);
            case "EntityDefinitions" -> metadata.handle(request, path);
            case "WhoAmI" -> whoAmI(request);
            default -> records(request, path, request.org().tableBySet(resource)
                    .orElseThrow(() -> DataverseError.resourceNotFound(resource)));
        };
    }

    private ApiResponse records(ApiRequest request, ODataPath path, TableDefinition table) {
        ODataPath.Segment first = path.get(0);
        String method = request.method();
        if (path.size() == 1 && !first.hasKey()) {
            return switch (method) {
                case "GET" -> reads.list(request, table);
                case "POST" -> writes.create(request, table);
                default -> throw DataverseError.methodNotAllowed(method);
            };
        }
        if (!first.hasKey()) {
            throw DataverseError.resourceNotFound(path.get(1).name());
        }
        EntityKey key = EntityKey.parse(first.key());
        if (path.size() == 1) {
            return switch (method) {
                case "GET" -> reads.one(request, table, key);
                case "PATCH" -> writes.patch(request, table, key);
                case "DELETE" -> writes.delete(request, table, key);
                default -> throw DataverseError.methodNotAllowed(method);
            };
        }
        ODataPath.Segment second = path.get(1);
        if (path.size() == 3 && path.get(2).name().equals("$ref")) {
            return associations.handle(request, table, key, second.name(), second.key());
        }
        if (path.size() == 2 && !second.hasKey() && table.indexOf(second.name()) >= 0) {
            return switch (method) {
                case "GET" -> reads.property(request, table, key, second.name());
                case "PUT" -> writes.putProperty(request, table, key, second.name(), false);
                case "DELETE" -> writes.putProperty(request, table, key, second.name(), true);
                default -> throw DataverseError.methodNotAllowed(method);
            };
        }
        throw DataverseError.badRequest("The sandbox does not support the resource path '" + request.path() + "'.");
    }

    private static ApiResponse whoAmI(ApiRequest request) {
        Map<String, Object> ids = Metadata.whoAmI(request.org(), request.callerId());
        return ApiResponse.json(200, 256, json -> {
            json.writeStartObject();
            json.writeStringProperty("@odata.context",
                    request.apiBase() + "/$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse");
            ids.forEach((name, value) -> json.writeStringProperty(name, value.toString()));
            json.writeEndObject();
        });
    }
}
