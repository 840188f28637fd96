using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StackGen.Diagnostics;

namespace StackGen.Validation.Schemas;

/// <summary>
/// Checks a JSON value against a structural schema the way the API server checks a custom resource before it stores
/// it: unknown fields (which the server prunes, or rejects under strict field validation), types, formats, enums,
/// required fields, patterns and bounds, list uniqueness, and the anyOf/allOf/oneOf/not value checks. Every problem
/// is collected with its field path. CEL rules (<c>x-kubernetes-validations</c>) are not evaluated.
/// </summary>
public static partial class SchemaValidator
{
    private static readonly string[] ResourceFields = ["apiVersion", "kind", "metadata"];

    // Messages quote values as JSON, but readably: no \u0027 for an apostrophe.
    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// A whole resource: its apiVersion, kind and metadata are the API server's to check (ObjectMeta), not the schema's,
    /// so only the other top-level fields (spec, status, data...) are validated.
    /// </summary>
    public static IReadOnlyList<SchemaProblem> ValidateResource(JsonObject resource, StructuralSchema schema)
    {
        var problems = new List<SchemaProblem>();
        Check(resource, schema, "", problems, structural: true, resource: true);
        return problems;
    }

    /// <summary>One value at the root of <paramref name="schema"/>.</summary>
    public static IReadOnlyList<SchemaProblem> Validate(JsonNode? value, StructuralSchema schema)
    {
        var problems = new List<SchemaProblem>();
        Check(value, schema, "", problems, structural: true, resource: false);
        return problems;
    }

    /// <param name="structural">
    /// False inside anyOf/allOf/oneOf/not: those branches only add value checks, they do not say which fields exist
    /// (structural schemas forbid that), so a field a branch does not list is not unknown.
    /// </param>
    private static void Check(JsonNode? value, StructuralSchema schema, string path, List<SchemaProblem> problems, bool structural, bool resource)
    {
        var type = TypeOf(value);
        if (type == "null")
        {
            if (!schema.Nullable && (schema.Type is not null || schema.IntOrString))
            {
                problems.Add(new SchemaProblem(path, $"null; expected {Expected(schema)} (the schema does not allow null)"));
            }

            return;
        }

        if (!TypeMatches(schema, type))
        {
            problems.Add(new SchemaProblem(path, $"expected {Expected(schema)}, got {Describe(value)}"));
            return;
        }

        CheckFormat(value as JsonValue, schema, path, problems);
        if (schema.Enum.Count > 0 && !schema.Enum.Any(allowed => Same(allowed, value)))
        {
            var allowed = schema.Enum.Select(Show).ToArray();
            var hint = value is JsonValue text && text.GetValueKind() == JsonValueKind.String
                ? Suggestions.DidYouMean(text.GetValue<string>(), schema.Enum.OfType<JsonValue>().Where(v => v.GetValueKind() == JsonValueKind.String).Select(v => v.GetValue<string>()))
                : "";
            problems.Add(new SchemaProblem(path, $"{Describe(value)} is not one of the allowed values: {string.Join(", ", allowed)}{hint}"));
        }

        switch (value)
        {
            case JsonObject mapping:
                CheckObject(mapping, schema, path, problems, structural, resource);
                break;
            case JsonArray list:
                CheckArray(list, schema, path, problems, structural);
                break;
            case JsonValue scalar when type == "string":
                CheckString(scalar.GetValue<string>(), schema, path, problems);
                break;
            case JsonValue number when type is "integer" or "number":
                CheckNumber(number, schema, path, problems);
                break;
        }

        CheckBranches(value, schema, path, problems);
    }

    private static void CheckObject(JsonObject mapping, StructuralSchema schema, string path, List<SchemaProblem> problems, bool structural, bool resource)
    {
        // The API server prunes a null where the field is not nullable (before defaulting), so such a field is absent.
        var fields = mapping
            .Where(p => !resource || !ResourceFields.Contains(p.Key))
            .Where(p => p.Value is not null || Governing(schema, p.Key) is not { Nullable: false } || schema.PreservesUnknownFields)
            .ToArray();
        if (!resource)
        {
            Bound(fields.Length, schema.MinProperties, schema.MaxProperties, "fields", path, problems);
        }

        foreach (var required in schema.Required)
        {
            if (!fields.Any(p => p.Key == required) && !(resource && ResourceFields.Contains(required))
                && !(schema.Properties.TryGetValue(required, out var property) && property.HasDefault))
            {
                problems.Add(new SchemaProblem(Field(path, required), mapping.ContainsKey(required)
                    ? "required field is missing (its null is pruned: the field is not nullable)"
                    : "required field is missing"));
            }
        }

        foreach (var (key, child) in fields)
        {
            if (schema.Properties.TryGetValue(key, out var property))
            {
                Check(child, property, Field(path, key), problems, structural, property.EmbeddedResource);
            }
            else if (schema.AdditionalProperties is { } values)
            {
                Check(child, values, Field(path, key), problems, structural, values.EmbeddedResource);
            }
            else if (structural && !schema.PreservesUnknownFields && !schema.AllowsAdditionalProperties)
            {
                var known = schema.Properties.Keys.Concat(resource ? ResourceFields : []);
                problems.Add(new SchemaProblem(Field(path, key), $"unknown field{Suggestions.DidYouMean(key, known)}"));
            }
        }
    }

    /// <summary>The schema of an object's field: the named property's, else the map's value schema.</summary>
    private static StructuralSchema? Governing(StructuralSchema schema, string key) =>
        schema.Properties.GetValueOrDefault(key) ?? schema.AdditionalProperties;

    private static void CheckArray(JsonArray list, StructuralSchema schema, string path, List<SchemaProblem> problems, bool structural)
    {
        Bound(list.Count, schema.MinItems, schema.MaxItems, "items", path, problems);
        for (var i = 0; i < list.Count; i++)
        {
            if (schema.Items is { } items)
            {
                Check(list[i], items, $"{path}[{i}]", problems, structural, items.EmbeddedResource);
            }
        }

        // Uniqueness as the API server checks it: a set's items, a map list's key fields.
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            string? key = schema.ListType switch
            {
                "set" => list[i]?.ToJsonString(),
                "map" when schema.ListMapKeys.Count > 0 && list[i] is JsonObject item =>
                    string.Join(", ", schema.ListMapKeys.Select(k => $"{k}: {(item[k] is { } part ? Show(part) : "unset")}")),
                _ => null,
            };
            if (key is null)
            {
                continue;
            }

            if (!seen.TryAdd(key, i))
            {
                problems.Add(new SchemaProblem($"{path}[{i}]", schema.ListType == "set"
                    ? $"duplicate of item [{seen[key]}]; the list is a set (x-kubernetes-list-type: set), each item at most once"
                    : $"duplicate key ({key}) of item [{seen[key]}]; the list is keyed by {string.Join(", ", schema.ListMapKeys)} (x-kubernetes-list-type: map)"));
            }
        }
    }

    private static void CheckString(string text, StructuralSchema schema, string path, List<SchemaProblem> problems)
    {
        // Lengths count characters (Unicode code points), as Go's utf8.RuneCountInString does, not UTF-16 units.
        if (schema.MinLength is not null || schema.MaxLength is not null)
        {
            Bound(text.EnumerateRunes().Count(), schema.MinLength, schema.MaxLength, "characters", path, problems);
        }

        if (schema.PatternRegex is { } pattern && !pattern.IsMatch(text))
        {
            problems.Add(new SchemaProblem(path, $"{Describe(JsonValue.Create(text))} does not match the pattern {schema.Pattern}"));
        }
    }

    private static void CheckNumber(JsonValue value, StructuralSchema schema, string path, List<SchemaProblem> problems)
    {
        var number = double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
        if (schema.Minimum is { } minimum && (schema.ExclusiveMinimum ? number <= minimum : number < minimum))
        {
            problems.Add(new SchemaProblem(path, $"{Show(value)} is less than the {(schema.ExclusiveMinimum ? "exclusive " : "")}minimum {Show(minimum)}"));
        }

        if (schema.Maximum is { } maximum && (schema.ExclusiveMaximum ? number >= maximum : number > maximum))
        {
            problems.Add(new SchemaProblem(path, $"{Show(value)} is greater than the {(schema.ExclusiveMaximum ? "exclusive " : "")}maximum {Show(maximum)}"));
        }
    }

    /// <summary>
    /// Formats: int32/int64 ranges (what the operator's Go field can hold), and of the string formats the API server
    /// validates, date-time (RFC 3339), date, ipv4, ipv6, cidr, mac, uuid, hostname (RFC 1123) and byte (base64).
    /// Others (uri, email, duration...) are not checked.
    /// </summary>
    private static void CheckFormat(JsonValue? value, StructuralSchema schema, string path, List<SchemaProblem> problems)
    {
        if (value is null || schema.Format is null)
        {
            return;
        }

        var kind = value.GetValueKind();
        var ok = (schema.Format, kind) switch
        {
            ("int32", JsonValueKind.Number) => int.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
            ("int64", JsonValueKind.Number) => long.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
            ("date-time", JsonValueKind.String) => IsDateTime(value.GetValue<string>()),
            ("ipv4", JsonValueKind.String) => IsIp(value.GetValue<string>(), AddressFamily.InterNetwork),
            ("ipv6", JsonValueKind.String) => IsIp(value.GetValue<string>(), AddressFamily.InterNetworkV6),
            ("date", JsonValueKind.String) => DateOnly.TryParseExact(value.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            ("cidr", JsonValueKind.String) => IsCidr(value.GetValue<string>()),
            ("mac", JsonValueKind.String) => Mac().IsMatch(value.GetValue<string>()),
            ("uuid", JsonValueKind.String) => Uuid().IsMatch(value.GetValue<string>()),
            ("hostname", JsonValueKind.String) => value.GetValue<string>().Length <= 253 && Hostname().IsMatch(value.GetValue<string>()),
            ("byte", JsonValueKind.String) => Convert.TryFromBase64String(value.GetValue<string>(), new byte[value.GetValue<string>().Length], out _),
            _ => true,
        };
        if (!ok)
        {
            problems.Add(new SchemaProblem(path, $"{Describe(value)} is not a valid {schema.Format}{FormatHint(schema.Format)}"));
        }
    }

    private static string FormatHint(string format) => format switch
    {
        "int32" => " (from -2147483648 to 2147483647)",
        "date-time" => " (RFC 3339, such as 2026-01-31T12:00:00Z)",
        "ipv4" => " address (such as 10.0.0.1)",
        "ipv6" => " address (such as fd00::1)",
        "byte" => " (base64)",
        "date" => " (such as 2026-01-31)",
        "cidr" => " (such as 10.0.0.0/8)",
        "mac" => " address (such as 00:1a:2b:3c:4d:5e)",
        "uuid" => " (such as 123e4567-e89b-12d3-a456-426614174000)",
        "hostname" => " (RFC 1123, such as shop.example.com)",
        _ => "",
    };

    private static void CheckBranches(JsonNode? value, StructuralSchema schema, string path, List<SchemaProblem> problems)
    {
        foreach (var branch in schema.AllOf)
        {
            Check(value, branch, path, problems, structural: false, resource: false);
        }

        if (schema.AnyOf.Count > 0)
        {
            var failures = schema.AnyOf.Select(branch => BranchProblems(value, branch)).ToArray();
            if (failures.All(f => f.Count > 0))
            {
                problems.Add(new SchemaProblem(path, $"matches none of the allowed forms ({string.Join("; or ", failures.Select(f => Relative(f[0], path)))})"));
            }
        }

        if (schema.OneOf.Count > 0)
        {
            var failures = schema.OneOf.Select(branch => BranchProblems(value, branch)).ToArray();
            var matched = failures.Count(f => f.Count == 0);
            if (matched != 1)
            {
                problems.Add(new SchemaProblem(path, matched == 0
                    ? $"matches none of the allowed forms ({string.Join("; or ", failures.Select(f => Relative(f[0], path)))})"
                    : $"matches {matched} of the forms where exactly one is allowed (oneOf)"));
            }
        }

        if (schema.Not is { } not && BranchProblems(value, not).Count == 0)
        {
            problems.Add(new SchemaProblem(path, $"has a form the schema forbids (not: {Forbidden(not)})"));
        }
    }

    private static List<SchemaProblem> BranchProblems(JsonNode? value, StructuralSchema branch)
    {
        var problems = new List<SchemaProblem>();
        Check(value, branch, "", problems, structural: false, resource: false);
        return problems;
    }

    // A branch's problem as seen from the value it checks ("spec.x: required..." for a problem at "x").
    private static string Relative(SchemaProblem problem, string path) =>
        problem.Path.Length == 0 ? problem.Message
        : $"{(path.Length == 0 || problem.Path.StartsWith('[') ? path + problem.Path : $"{path}.{problem.Path}")}: {problem.Message}";

    private static string Forbidden(StructuralSchema not) =>
        not.Required.Count > 0 ? $"{string.Join(" and ", not.Required)} set together"
        : not.Enum.Count > 0 ? $"one of {string.Join(", ", not.Enum.Select(Show))}"
        : "a value it excludes";

    private static void Bound(int count, double? minimum, double? maximum, string what, string path, List<SchemaProblem> problems)
    {
        if (minimum is { } min && count < min)
        {
            problems.Add(new SchemaProblem(path, $"{count} {what}; expected at least {Show(min)}"));
        }

        if (maximum is { } max && count > max)
        {
            problems.Add(new SchemaProblem(path, $"{count} {what}; expected at most {Show(max)}"));
        }
    }

    private static bool TypeMatches(StructuralSchema schema, string type) =>
        schema.IntOrString ? type is "integer" or "string"
        : schema.Type switch
        {
            null => true,
            "number" => type is "integer" or "number",
            var expected => expected == type,
        };

    /// <summary>The JSON type of a value in the schema's words; a number is an integer when written without a fraction or exponent.</summary>
    private static string TypeOf(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue scalar => scalar.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Number => scalar.ToJsonString().AsSpan().IndexOfAny('.', 'e', 'E') < 0 ? "integer" : "number",
            _ => "null",
        },
        _ => "null",
    };

    private static string Expected(StructuralSchema schema) =>
        schema.IntOrString ? "an integer or a string"
        : schema.Type switch
        {
            "object" => "an object",
            "array" => "a list",
            "string" => "a string",
            "integer" => "an integer",
            "number" => "a number",
            "boolean" => "true or false",
            var other => other ?? "a value",
        };

    private static string Describe(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "a list",
        JsonValue scalar when scalar.GetValueKind() == JsonValueKind.String => $"the string {Show(scalar)}",
        JsonValue scalar when scalar.GetValueKind() == JsonValueKind.Number => $"the number {Show(scalar)}",
        _ => value.ToJsonString(),
    };

    /// <summary>A value as JSON, shortened: strings in quotes, with control characters escaped.</summary>
    private static string Show(JsonNode? value)
    {
        var json = value?.ToJsonString(Compact) ?? "null";
        return json.Length <= 80 ? json : $"{json[..77]}...";
    }

    private static string Show(double number) => number.ToString(CultureInfo.InvariantCulture);

    private static bool Same(JsonNode? allowed, JsonNode? value) =>
        allowed is JsonValue a && value is JsonValue b && a.GetValueKind() == JsonValueKind.Number && b.GetValueKind() == JsonValueKind.Number
            ? double.Parse(a.ToJsonString(), CultureInfo.InvariantCulture) == double.Parse(b.ToJsonString(), CultureInfo.InvariantCulture)
            : JsonNode.DeepEquals(allowed, value);

    /// <summary><c>spec</c> + <c>endpoints</c>; a key that is not a plain name in brackets: <c>labels["app.kubernetes.io/name"]</c>.</summary>
    private static string Field(string path, string key) =>
        PlainName().IsMatch(key) ? (path.Length == 0 ? key : $"{path}.{key}") : $"{path}[{JsonValue.Create(key).ToJsonString(Compact)}]";

    private static bool IsDateTime(string text) =>
        DateTimeText().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    // As Go's net.ParseCIDR: an address and a prefix length; host bits may be set (10.0.0.1/8), unlike IPNetwork.TryParse.
    private static bool IsCidr(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var prefix))
        {
            return false;
        }

        var address = text[..slash];
        return IsIp(address, AddressFamily.InterNetwork) ? prefix <= 32 : IsIp(address, AddressFamily.InterNetworkV6) && prefix <= 128;
    }

    private static bool IsIp(string text, AddressFamily family) =>
        (family == AddressFamily.InterNetwork ? DottedQuad().IsMatch(text) : text.Contains(':', StringComparison.Ordinal))
        && IPAddress.TryParse(text, out var address) && address.AddressFamily == family;

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_-]*$")]
    private static partial Regex PlainName();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:?\d{2})$")]
    private static partial Regex DateTimeText();

    [GeneratedRegex("^([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}$")]
    private static partial Regex Mac();

    [GeneratedRegex("^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$")]
    private static partial Regex Uuid();

    [GeneratedRegex(@"^[A-Za-z0-9]([-A-Za-z0-9]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([-A-Za-z0-9]{0,61}[A-Za-z0-9])?)*$")]
    private static partial Regex Hostname();

    [GeneratedRegex(@"^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$")]
    private static partial Regex DottedQuad();
}
