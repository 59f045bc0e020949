// Which `schemaFormat`s of an AsyncAPI 3 Multi Format Schema (or 2.x message) are JSON Schema: the
// AsyncAPI schema in any serialisation and JSON Schema drafts written as JSON or YAML
// (`application/schema+yaml;version=draft-07` is JSON Schema too). Avro, Protobuf, RAML are not.

const JSON_SCHEMA_FORMAT = /^application\/(vnd\.aai\.asyncapi|schema)(\+(json|yaml))?\s*(;|$)|json/i;

export function isJsonSchemaFormat(schemaFormat: string): boolean {
  return JSON_SCHEMA_FORMAT.test(schemaFormat.trim());
}
