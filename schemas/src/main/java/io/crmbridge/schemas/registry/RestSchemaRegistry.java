package io.crmbridge.schemas.registry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static io.crmbridge.schemas.registry.RegistryHttp.segment;

/**
 * A schema registry reached over Confluent's REST API (Confluent Schema Registry, Apicurio's ccompat API, Karapace,
 * Redpanda, the sandbox emulator). Ids and schemas never change once assigned, so both are cached for the life of
 * the client: a serde asks the registry once per schema, not once per record. Latest versions and compatibility
 * change over time and are always asked.
 */
public final class RestSchemaRegistry implements SchemaRegistry {

    private final RegistryHttp http;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();

    private record SubjectSchema(String subject, String text) {
    }

    public RestSchemaRegistry(RegistrySettings settings) {
        this.http = new RegistryHttp(settings);
    }

    @Override
    public int register(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema.toString());
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = http.post("/subjects/" + segment(subject) + "/versions", schemaBody(key.text()));
        int id = id(answer, "register");
        schemasById.putIfAbsent(id, schema);
        idsBySubjectSchema.put(key, id);
        return id;
    }

    @Override
    public RegisteredSchema lookup(String subject, Schema schema) {
        JsonNode answer = http.post("/subjects/" + segment(subject), schemaBody(schema.toString()));
        int id = id(answer, "lookup");
        schemasById.putIfAbsent(id, schema);
        idsBySubjectSchema.put(new SubjectSchema(subject, schema.toString()), id);
        return new RegisteredSchema(subject, id, answer.path("version").asInt(), schema);
    }

    @Override
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        Schema schema = parse(http.get("/schemas/ids/" + id));
        schemasById.putIfAbsent(id, schema);
        return schema;
    }

    @Override
    public RegisteredSchema latest(String subject) {
        JsonNode answer = http.get("/subjects/" + segment(subject) + "/versions/latest");
        int id = id(answer, "latest version");
        Schema schema = schemasById.computeIfAbsent(id, any -> parse(answer));
        return new RegisteredSchema(subject, id, answer.path("version").asInt(), schema);
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        try {
            JsonNode answer = http.post("/compatibility/subjects/" + segment(subject) + "/versions/latest",
                    schemaBody(schema.toString()));
            return answer.path("is_compatible").asBoolean(false);
        } catch (SchemaRegistryException e) {
            // Older registries answer 40401 for a subject without versions, where newer ones say compatible.
            if (e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND) {
                return true;
            }
            throw e;
        }
    }

    @Override
    public void setCompatibility(String subject, Compatibility level) {
        http.put("/config/" + segment(subject), http.json().createObjectNode().put("compatibility", level.name()));
    }

    private ObjectNode schemaBody(String text) {
        // schemaType omitted: it means AVRO, and registries that predate the field reject it.
        return http.json().createObjectNode().put("schema", text);
    }

    private static Schema parse(JsonNode answer) {
        return SchemaType.named(answer.path("schemaType").asString(null)).parse(answer.path("schema").asString(null));
    }

    private static int id(JsonNode answer, String what) {
        int id = answer.path("id").asInt(0);
        if (id <= 0) {
            String detail = "Schema registry answered a " + what + " request without a schema id";
            throw new SchemaRegistryException(0, 0, detail, false, detail, null);
        }
        return id;
    }
}
