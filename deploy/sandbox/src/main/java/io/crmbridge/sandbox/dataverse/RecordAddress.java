package io.crmbridge.sandbox.dataverse;

/**
 * A reference to one row as clients write it in {@code @odata.bind}, {@code @odata.id} and {@code $id}:
 * relative ({@code /contacts(<id>)}, {@code contacts(<id>)}) or absolute
 * ({@code https://host/org/contoso/api/data/v9.2/contacts(<id>)}), by primary or alternate key.
 */
record RecordAddress(String entitySet, EntityKey key) {

    static RecordAddress parse(String reference) {
        String path = reference;
        int api = path.indexOf("/api/data/v");
        if (api >= 0) {
            int afterVersion = path.indexOf('/', api + "/api/data/v".length());
            path = afterVersion < 0 ? "" : path.substring(afterVersion + 1);
        }
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        int open = path.indexOf('(');
        if (open <= 0 || !path.endsWith(")")) {
            throw DataverseError.badRequest("The reference '" + reference + "' is not a valid entity URL.");
        }
        return new RecordAddress(path.substring(0, open), EntityKey.parse(path.substring(open + 1, path.length() - 1)));
    }
}
