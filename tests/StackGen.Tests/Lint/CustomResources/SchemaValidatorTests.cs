using System.Text.Json.Nodes;
using StackGen.Validation.Schemas;

namespace StackGen.Tests.Lint.CustomResources;

/// <summary>Each construct of a structural schema, against the real CRDs in crds/ (a made-up schema only where none of them uses it).</summary>
public sealed class SchemaValidatorTests
{
    private static string ServiceMonitor(string endpoint, string spec = "") => $$$"""
        {"apiVersion": "monitoring.coreos.com/v1", "kind": "ServiceMonitor", "metadata": {"name": "m", "labels": {"a": "b"}},
         "spec": {"selector": {"matchLabels": {"app": "rabbitmq"}}, "endpoints": [{{{endpoint}}}]{{{spec}}}}}
        """;

    private static string HttpRoute(string spec) => $$"""
        {"apiVersion": "gateway.networking.k8s.io/v1", "kind": "HTTPRoute", "metadata": {"name": "web"}, "spec": {{spec}}}
        """;

    private static string Gateway(string extra) => $$$"""
        {"apiVersion": "gateway.networking.k8s.io/v1", "kind": "Gateway", "metadata": {"name": "shop"},
         "spec": {"gatewayClassName": "example", "listeners": [{"name": "http", "protocol": "HTTP", "port": 80}]{{{extra}}}}}
        """;

    [Fact]
    public void A_valid_service_monitor_has_no_problems()
    {
        Assert.Empty(Crds.Problems(ServiceMonitor("""{"port": "metrics", "scheme": "https", "interval": "30s", "targetPort": 9090}""")));
    }

    [Fact]
    public void An_unknown_field_is_named_by_its_path_with_the_closest_field()
    {
        Assert.Equal(
            ["spec.endpoints[0].prot: unknown field; did you mean 'port'?", "spec.endpoint: unknown field; did you mean 'endpoints'?"],
            Crds.Problems(ServiceMonitor("""{"prot": "metrics"}""", """, "endpoint": []""")));
    }

    [Fact]
    public void A_top_level_field_the_schema_lacks_is_unknown_but_apiVersion_kind_and_metadata_are_the_servers()
    {
        Assert.Equal(["spek: unknown field; did you mean 'spec'?"], Crds.Problems("""
            {"apiVersion": "monitoring.coreos.com/v1", "kind": "ServiceMonitor", "metadata": {"name": "m", "anything": 1},
             "spec": {"selector": {}, "endpoints": []}, "spek": {}}
            """));
    }

    [Fact]
    public void A_value_outside_the_enum_lists_the_allowed_values()
    {
        Assert.Equal(
            ["spec.endpoints[0].scheme: the string \"htps\" is not one of the allowed values: \"http\", \"https\", \"HTTP\", \"HTTPS\"; did you mean 'https'?"],
            Crds.Problems(ServiceMonitor("""{"port": "metrics", "scheme": "htps"}""")));
    }

    [Fact]
    public void Types_are_checked_string_boolean_object_and_list()
    {
        Assert.Equal(
            [
                "spec.selector.matchLabels: expected an object, got the string \"app=rabbitmq\"",
                "spec.endpoints[0].port: expected a string, got the number 9090",
                "spec.endpoints[0].honorLabels: expected true or false, got the string \"yes\"",
                "spec.endpoints[0].relabelings: expected a list, got an object",
            ],
            Crds.Problems("""
                {"apiVersion": "monitoring.coreos.com/v1", "kind": "ServiceMonitor", "metadata": {"name": "m"},
                 "spec": {"selector": {"matchLabels": "app=rabbitmq"}, "endpoints": [{"port": 9090, "honorLabels": "yes", "relabelings": {}}]}}
                """));
    }

    [Fact]
    public void Int_or_string_takes_either_and_nothing_else()
    {
        Assert.Empty(Crds.Problems(ServiceMonitor("""{"targetPort": 9090}""")));
        Assert.Empty(Crds.Problems(ServiceMonitor("""{"targetPort": "metrics"}""")));
        Assert.Equal(
            ["spec.endpoints[0].targetPort: expected an integer or a string, got true"],
            Crds.Problems(ServiceMonitor("""{"targetPort": true}""")));
    }

    [Fact]
    public void An_integer_is_a_number_without_a_fraction_and_stays_within_its_bounds()
    {
        var backend = Crds.At(Crds.Schema("gateway.networking.k8s.io/v1", "HTTPRoute"), "spec.rules[].backendRefs[].port");

        Assert.Empty(Crds.Problems(backend, "8080"));
        Assert.Equal(["expected an integer, got the number 80.5"], Crds.Problems(backend, "80.5"));
        Assert.Equal(["0 is less than the minimum 1"], Crds.Problems(backend, "0"));
        Assert.Equal(["70000 is greater than the maximum 65535"], Crds.Problems(backend, "70000"));
    }

    [Fact]
    public void Int32_and_int64_formats_hold_what_the_operator_can_decode()
    {
        var attached = Crds.At(Crds.Schema("gateway.networking.k8s.io/v1", "Gateway"), "status.attachedListenerSets");
        var sampleLimit = Crds.At(Crds.Schema("monitoring.coreos.com/v1", "ServiceMonitor"), "spec.sampleLimit");

        Assert.Empty(Crds.Problems(attached, "2147483647"));
        Assert.Equal(["the number 2147483648 is not a valid int32 (from -2147483648 to 2147483647)"], Crds.Problems(attached, "2147483648"));
        Assert.Empty(Crds.Problems(sampleLimit, "9223372036854775807"));
        Assert.Equal(["-1 is less than the minimum 0"], Crds.Problems(sampleLimit, "-1"));
    }

    [Fact]
    public void A_missing_required_field_is_named_and_so_is_a_missing_spec()
    {
        Assert.Equal(["spec.parentRefs[0].name: required field is missing"], Crds.Problems(HttpRoute("""{"parentRefs": [{"sectionName": "https"}]}""")));
        Assert.Equal(["spec: required field is missing"], Crds.Problems("""
            {"apiVersion": "gateway.networking.k8s.io/v1", "kind": "HTTPRoute", "metadata": {"name": "web"}}
            """));
    }

    [Fact]
    public void A_required_field_with_a_default_is_filled_in_by_the_server_so_not_missing()
    {
        var schema = StructuralSchema.Read(JsonNode.Parse("""
            {"type": "object", "required": ["mode", "name"],
             "properties": {"mode": {"type": "string", "default": "Auto"}, "name": {"type": "string"}}}
            """)!.AsObject());

        Assert.Equal(["name: required field is missing"], Crds.Problems(schema, "{}"));
    }

    [Fact]
    public void A_pattern_is_matched_as_the_api_server_matches_it()
    {
        Assert.Equal(
            ["spec.hostnames[1]: the string \"Shop_Example.com\" does not match the pattern ^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"],
            Crds.Problems(HttpRoute("""{"hostnames": ["*.example.com", "Shop_Example.com"]}""")));
        Assert.Equal(
            ["spec.endpoints[0].interval: the string \"30 seconds\" does not match the pattern ^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$"],
            Crds.Problems(ServiceMonitor("""{"interval": "30 seconds"}""")));
    }

    [Fact]
    public void String_lengths_count_characters()
    {
        var name = Crds.At(Crds.Schema("gateway.networking.k8s.io/v1", "HTTPRoute"), "spec.parentRefs[].namespace");

        Assert.Equal(["0 characters; expected at least 1", "the string \"\" does not match the pattern ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"], Crds.Problems(name, "\"\""));
        Assert.Empty(Crds.Problems(name, $"\"{new string('a', 63)}\""));
        Assert.Equal(["64 characters; expected at most 63"], Crds.Problems(name, $"\"{new string('a', 64)}\""));
    }

    [Fact]
    public void A_list_holds_between_min_items_and_max_items()
    {
        var hostnames = string.Join(", ", Enumerable.Range(1, 17).Select(i => $"\"h{i}.example.com\""));

        Assert.Equal(["spec.hostnames: 17 items; expected at most 16"], Crds.Problems(HttpRoute($$"""{"hostnames": [{{hostnames}}]}""")));
        Assert.Equal(["spec.listeners: 0 items; expected at least 1"], Crds.Problems("""
            {"apiVersion": "gateway.networking.k8s.io/v1", "kind": "Gateway", "metadata": {"name": "shop"}, "spec": {"gatewayClassName": "example", "listeners": []}}
            """));
    }

    [Fact]
    public void A_map_holds_at_most_max_properties_and_its_values_are_checked_under_their_keys()
    {
        var labels = $"{{{string.Join(", ", Enumerable.Range(1, 9).Select(i => $"\"l{i}\": \"v\""))}}}";

        Assert.Equal(["spec.infrastructure.labels: 9 fields; expected at most 8"], Crds.Problems(Gateway($$""", "infrastructure": {"labels": {{labels}}}""")));
        Assert.Equal(
            ["spec.selector.matchLabels[\"app.kubernetes.io/name\"]: expected a string, got the number 1"],
            Crds.Problems("""
                {"apiVersion": "monitoring.coreos.com/v1", "kind": "ServiceMonitor", "metadata": {"name": "m"},
                 "spec": {"selector": {"matchLabels": {"app.kubernetes.io/name": 1}}, "endpoints": []}}
                """));
    }

    [Fact]
    public void A_keyed_list_holds_each_key_once()
    {
        Assert.Equal(
            ["spec.listeners[1]: duplicate key (name: \"http\") of item [0]; the list is keyed by name (x-kubernetes-list-type: map)"],
            Crds.Problems("""
                {"apiVersion": "gateway.networking.k8s.io/v1", "kind": "Gateway", "metadata": {"name": "shop"},
                 "spec": {"gatewayClassName": "example", "listeners": [{"name": "http", "protocol": "HTTP", "port": 80}, {"name": "http", "protocol": "HTTP", "port": 8080}]}}
                """));
    }

    [Fact]
    public void A_set_holds_each_item_once()
    {
        var schema = StructuralSchema.Read(JsonNode.Parse("""{"type": "array", "x-kubernetes-list-type": "set", "items": {"type": "string"}}""")!.AsObject());

        Assert.Equal(["[2]: duplicate of item [0]; the list is a set (x-kubernetes-list-type: set), each item at most once"], Crds.Problems(schema, """["a", "b", "a"]"""));
    }

    [Fact]
    public void One_of_any_of_and_not_decide_the_forms_of_a_gateway_address()
    {
        Assert.Empty(Crds.Problems(Gateway(""", "addresses": [{"type": "IPAddress", "value": "10.0.0.10"}, {"type": "IPAddress", "value": "fd00::1"}, {"type": "Hostname", "value": "gw.example.com"}]""")));

        var problems = Crds.Problems(Gateway(""", "addresses": [{"type": "IPAddress", "value": "10.0.0.300"}]"""));

        var problem = Assert.Single(problems);
        Assert.StartsWith("spec.addresses[0]: matches none of the allowed forms (spec.addresses[0].value: matches none of the allowed forms (", problem);
        Assert.Contains("the string \"10.0.0.300\" is not a valid ipv4 address (such as 10.0.0.1)", problem);
    }

    [Fact]
    public void A_date_time_is_rfc_3339()
    {
        var time = Crds.At(Crds.Schema("gateway.networking.k8s.io/v1", "Gateway"), "status.conditions[].lastTransitionTime");

        Assert.Empty(Crds.Problems(time, "\"2026-11-30T10:00:00Z\""));
        Assert.Empty(Crds.Problems(time, "\"2026-11-30T10:00:00.123+01:00\""));
        Assert.Equal(["the string \"yesterday\" is not a valid date-time (RFC 3339, such as 2026-01-31T12:00:00Z)"], Crds.Problems(time, "\"yesterday\""));
        Assert.Equal(["the string \"2026-13-01T00:00:00Z\" is not a valid date-time (RFC 3339, such as 2026-01-31T12:00:00Z)"], Crds.Problems(time, "\"2026-13-01T00:00:00Z\""));
    }

    [Theory]
    [InlineData("date", "2026-11-30", "2026-11-31")]
    [InlineData("cidr", "10.0.0.1/8", "10.0.0.0/33")]
    [InlineData("cidr", "fd00::/64", "10.0.0.0")]
    [InlineData("mac", "00:1a:2b:3c:4d:5e", "00:1a:2b:3c:4d")]
    [InlineData("uuid", "123e4567-e89b-12d3-a456-426614174000", "123e4567")]
    [InlineData("hostname", "shop.example.com", "shop_example.com")]
    [InlineData("byte", "aGVsbG8=", "hello!")]
    [InlineData("ipv6", "fd00::1", "10.0.0.1")]
    public void String_formats_the_api_server_validates_are_checked(string format, string valid, string invalid)
    {
        var schema = StructuralSchema.Read(new JsonObject { ["type"] = "string", ["format"] = format });

        Assert.Empty(Crds.Problems(schema, $"\"{valid}\""));
        Assert.StartsWith($"the string \"{invalid}\" is not a valid {format}", Assert.Single(Crds.Problems(schema, $"\"{invalid}\"")));
    }

    [Fact]
    public void Preserved_unknown_fields_are_kept_and_a_null_is_pruned_unless_nullable()
    {
        var schema = StructuralSchema.Read(JsonNode.Parse("""
            {"type": "object", "required": ["plain"], "properties": {
              "config": {"type": "object", "x-kubernetes-preserve-unknown-fields": true, "properties": {"level": {"type": "integer"}}},
              "optional": {"type": "string", "nullable": true},
              "plain": {"type": "string"}}}
            """)!.AsObject());

        Assert.Empty(Crds.Problems(schema, """{"config": {"level": 3, "anything": {"at": ["all"]}}, "optional": null, "plain": "x"}"""));
        Assert.Equal(
            ["plain: required field is missing (its null is pruned: the field is not nullable)", "config.level: expected an integer, got the string \"high\""],
            Crds.Problems(schema, """{"config": {"level": "high"}, "plain": null}"""));
        Assert.Equal(["[1]: null; expected a string (the schema does not allow null)"], Crds.Problems(Crds.At(Crds.Schema("gateway.networking.k8s.io/v1", "HTTPRoute"), "spec.hostnames"), """["a.example.com", null]"""));
    }

    [Fact]
    public void Every_problem_of_an_object_is_reported_not_only_the_first()
    {
        Assert.Equal(3, Crds.Problems(ServiceMonitor("""{"prot": "metrics", "scheme": "ftp", "port": 1}""")).Length);
    }

    [Fact]
    public void Every_crd_in_the_repository_is_compiled_in_and_read()
    {
        var files = Directory.EnumerateFiles(Path.Combine(Support.Repository.Root, "crds"), "*.yaml", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Support.Repository.Root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

        Assert.Equal(files, DefinitionCatalog.RepositoryFiles);
        foreach (var file in DefinitionCatalog.RepositoryFiles)
        {
            var group = file.Split('/')[1];
            var kind = Assert.Single(DefinitionCatalog.InRepository(group), k => k.Source == file);
            Assert.All(kind.Versions.Where(v => v.Served), v => Assert.NotNull(v.Schema));
        }
    }

    [Fact]
    public void Every_pattern_in_the_repository_crds_is_one_dotnet_reads()
    {
        var unreadable = DefinitionCatalog.RepositoryFiles.Select(f => f.Split('/')[1]).Distinct()
            .SelectMany(DefinitionCatalog.InRepository)
            .SelectMany(k => k.Versions.Where(v => v.Schema is not null).SelectMany(v => Nodes(v.Schema!)).Select(n => (k.Source, n)))
            .Where(p => p.n.Pattern is not null && (p.n.PatternRegex is null || p.n.Pattern.Contains("[:", StringComparison.Ordinal)))
            .Select(p => $"{p.Source}: {p.n.Pattern}");

        Assert.Empty(unreadable);
    }

    private static IEnumerable<StructuralSchema> Nodes(StructuralSchema schema) =>
        new[] { schema }
            .Concat(schema.Properties.Values.SelectMany(Nodes))
            .Concat(schema.Items is { } items ? Nodes(items) : [])
            .Concat(schema.AdditionalProperties is { } values ? Nodes(values) : [])
            .Concat(schema.AllOf.Concat(schema.AnyOf).Concat(schema.OneOf).SelectMany(Nodes))
            .Concat(schema.Not is { } not ? Nodes(not) : []);
}
