using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Marketplace.UnitTests.Architecture;

namespace Marketplace.UnitTests.Web;

/// <summary>Whether the web app reads a record from the service (an answer) or writes it to the service (a request body).</summary>
internal enum Direction
{
    Answer,
    Body,
}

/// <summary>One web record and the schema of the service's OpenAPI document it mirrors.</summary>
internal sealed record SchemaMapping(Type Record, string Service, string Schema, Direction Direction);

/// <summary>
/// Holds a web record against a schema of a service's OpenAPI document, as a function from the two to the violations
/// found, so that it is also tested against made-up records (ApiSchemaTests): a check that cannot fail protects nothing.
/// A record's property must be in the schema with a compatible JSON type (an enum's values among the schema's, when it
/// lists them). In an answer, a property the record holds non-null must be required and non-null where the schema says
/// so; in a request body, a property the record may send as null must accept null. Nested records are held against the
/// schemas their properties refer to.
/// </summary>
internal static class ApiSchema
{
    /// <summary>A service's document as the build wrote it (docs/openapi/{service}.json).</summary>
    public static JsonObject Document(string service) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Root, "docs", "openapi", $"{service}.json")))!.AsObject();

    public static IReadOnlyList<string> Violations(JsonObject document, SchemaMapping mapping, IReadOnlyList<SchemaMapping> table)
    {
        var violations = new List<string>();
        Check(document, mapping.Record, mapping.Schema, mapping, table, violations, []);
        return violations;
    }

    /// <summary>The schema an operation answers with on success (the items' schema for an array), by operationId.</summary>
    public static string? ResponseSchema(JsonObject document, string operationId)
    {
        var operation = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(method => method.Value!.AsObject()))
            .FirstOrDefault(operation => (string?)operation["operationId"] == operationId);
        var schema = operation?["responses"]?.AsObject()
            .Where(response => response.Key.StartsWith('2'))
            .Select(response => response.Value?["content"]?["application/json"]?["schema"])
            .FirstOrDefault(schema => schema is not null);
        return schema is null ? null : RefName(schema["items"] ?? schema);
    }

    private static void Check(
        JsonObject document, Type record, string schemaName, SchemaMapping root, IReadOnlyList<SchemaMapping> table, List<string> violations, HashSet<(Type, string)> visited)
    {
        if (!visited.Add((record, schemaName)))
        {
            return;
        }

        if (document["components"]?["schemas"]?[schemaName] is not JsonObject schema)
        {
            violations.Add($"{record.Name}: {root.Service} has no schema {schemaName}");
            return;
        }

        var properties = schema["properties"] as JsonObject ?? [];
        var required = (schema["required"] as JsonArray)?.Select(name => (string?)name).ToHashSet(StringComparer.Ordinal);
        var nullability = new NullabilityInfoContext();
        foreach (var property in PropertiesOf(record, root.Direction))
        {
            var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            var where = $"{record.Name}.{property.Name} ({root.Service} {schemaName}.{name})";
            if (properties[name] is not JsonObject propertySchema)
            {
                violations.Add($"{where}: not in the schema");
                continue;
            }

            var nullable = Nullable.GetUnderlyingType(property.PropertyType) is not null
                || nullability.Create(property).ReadState == NullabilityState.Nullable;
            if (root.Direction == Direction.Answer && !nullable && required is not null && !required.Contains(name))
            {
                violations.Add($"{where}: the record holds it non-null, the schema does not require it");
            }

            CheckValue(document, Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType, nullable, propertySchema, where, root, table, violations, visited);
        }
    }

    private static void CheckValue(
        JsonObject document, Type type, bool nullable, JsonObject schema, string where, SchemaMapping root, IReadOnlyList<SchemaMapping> table, List<string> violations, HashSet<(Type, string)> visited)
    {
        var value = Describe(document, schema);
        if (root.Direction == Direction.Answer && !nullable && value.Nullable)
        {
            violations.Add($"{where}: the record holds it non-null, the schema allows null");
        }
        else if (root.Direction == Direction.Body && nullable && !value.Nullable)
        {
            violations.Add($"{where}: the record may send null, the schema does not allow it");
        }

        var expected = JsonKind(type);
        if (!value.Kinds.Contains(expected) && !(expected == "number" && value.Kinds.Contains("integer")))
        {
            violations.Add($"{where}: the record has {expected}, the schema {string.Join(" or ", value.Kinds.Order(StringComparer.Ordinal))}");
            return;
        }

        if (type.IsEnum && value.Schema?["enum"] is JsonArray listed)
        {
            // The wire names as WireEnumConverter writes them; Unknown stands for any value the web app does not know.
            var allowed = listed.Select(item => (string?)item).ToHashSet(StringComparer.Ordinal);
            foreach (var wire in Enum.GetNames(type).Where(name => name != "Unknown").Select(JsonNamingPolicy.CamelCase.ConvertName).Where(wire => !allowed.Contains(wire)))
            {
                violations.Add($"{where}: {type.Name} has \"{wire}\", the schema's values are {string.Join(", ", allowed)}");
            }
        }

        if (expected == "array" && ItemType(type) is { } item && value.Schema?["items"] is JsonObject items)
        {
            CheckValue(document, Nullable.GetUnderlyingType(item) ?? item, Nullable.GetUnderlyingType(item) is not null, items, $"{where}[]", root, table, violations, visited);
        }

        if (expected == "object" && value.Ref is { } referenced && !IsDictionary(type))
        {
            if (table.FirstOrDefault(mapping => mapping.Record == type && mapping.Service == root.Service) is { } mapped && mapped.Schema != referenced)
            {
                violations.Add($"{where}: {type.Name} is mapped to {mapped.Schema}, the schema refers to {referenced}");
                return;
            }

            Check(document, type, referenced, root, table, violations, visited);
        }
    }

    /// <summary>
    /// What a property's schema allows: its JSON types, whether null is one of them, the schema that says more (a $ref
    /// resolved, the non-null branch of a oneOf) and the component it refers to.
    /// </summary>
    private static (HashSet<string> Kinds, bool Nullable, JsonObject? Schema, string? Ref) Describe(JsonObject document, JsonObject schema)
    {
        if ((schema["oneOf"] ?? schema["anyOf"]) is JsonArray alternatives)
        {
            var branches = alternatives.OfType<JsonObject>().Select(branch => Describe(document, branch)).ToList();
            var kinds = branches.SelectMany(branch => branch.Kinds).ToHashSet(StringComparer.Ordinal);
            var informative = branches.FirstOrDefault(branch => branch.Kinds.Count > 0);
            return (kinds, branches.Any(branch => branch.Nullable), informative.Schema, informative.Ref);
        }

        if (RefName(schema) is { } name)
        {
            if (document["components"]?["schemas"]?[name] is not JsonObject resolved)
            {
                return (["object"], false, null, name);
            }

            var (kinds, nullable, _, _) = Describe(document, resolved);
            return (kinds, nullable, resolved, name);
        }

        var types = schema["type"] switch
        {
            JsonArray array => array.Select(type => (string?)type ?? "").ToHashSet(StringComparer.Ordinal),
            JsonValue single => [(string?)single ?? ""],
            _ => schema["properties"] is not null ? ["object"] : ["string", "number", "integer", "boolean", "array", "object"],
        };
        var isNullable = types.Remove("null");
        return (types, isNullable, schema, null);
    }

    private static string? RefName(JsonNode? schema) =>
        (string?)schema?["$ref"] is { } reference && reference.StartsWith("#/components/schemas/", StringComparison.Ordinal)
            ? reference["#/components/schemas/".Length..]
            : null;

    /// <summary>An answer's record reads the properties it can set (computed ones are not read); a body sends every public one.</summary>
    private static IEnumerable<PropertyInfo> PropertiesOf(Type record, Direction direction) =>
        record.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.GetIndexParameters().Length == 0 && property.GetCustomAttribute<JsonIgnoreAttribute>() is null)
            .Where(property => direction == Direction.Body || property.SetMethod is not null)
            .Where(property => property.Name != "EqualityContract");

    /// <summary>The JSON type System.Text.Json writes for a CLR type with the web app's options (enums as strings: WireEnumConverter).</summary>
    private static string JsonKind(Type type)
    {
        if (type == typeof(string) || type == typeof(Guid) || type == typeof(DateTimeOffset) || type == typeof(DateTime)
            || type == typeof(DateOnly) || type == typeof(TimeOnly) || type == typeof(Uri) || type.IsEnum)
        {
            return "string";
        }

        if (type == typeof(bool))
        {
            return "boolean";
        }

        if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte))
        {
            return "integer";
        }

        if (type == typeof(decimal) || type == typeof(double) || type == typeof(float))
        {
            return "number";
        }

        return ItemType(type) is not null ? "array" : "object";
    }

    private static Type? ItemType(Type type) =>
        type == typeof(string) || IsDictionary(type) ? null
        : type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type)
            .FirstOrDefault(candidate => candidate.IsGenericType && candidate.GetGenericTypeDefinition() == typeof(IEnumerable<>))?
            .GetGenericArguments()[0];

    private static bool IsDictionary(Type type) =>
        type.GetInterfaces().Append(type).Any(candidate => candidate.IsGenericType
            && (candidate.GetGenericTypeDefinition() == typeof(IDictionary<,>) || candidate.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>)));
}
