using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace StackGen.Tests.FakeKube;

/// <summary>The fake serves a CustomResourceDefinition's kind from the moment it is Established until it is deleted.</summary>
public sealed class CustomResourceDefinitionTests
{
    private const string DefinitionPath = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com";
    private const string WidgetPath = "/apis/example.com/v1/namespaces/default/widgets/w";

    private const string Definition = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.example.com
        spec:
          group: example.com
          names:
            kind: Widget
            plural: widgets
            shortNames:
            - wd
          scope: Namespaced
          versions:
          - name: v1
            served: true
            storage: true
            subresources:
              status: {}
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      size:
                        type: integer
                      labels:
                        type: object
                        additionalProperties:
                          type: string
                      parts:
                        type: array
                        items:
                          type: object
                          properties:
                            name:
                              type: string
                      extra:
                        type: object
                        x-kubernetes-preserve-unknown-fields: true
                  status:
                    type: object
                    x-kubernetes-preserve-unknown-fields: true
        """;

    private const string Widget = """
        apiVersion: example.com/v1
        kind: Widget
        metadata:
          name: w
          namespace: default
        spec:
          size: 3
          colour: blue
          labels:
            tier: gold
          parts:
          - name: bolt
            weight: 2
          extra:
            anything:
              goes: here
        """;

    [Fact]
    public async Task Given_a_new_definition_When_polled_Then_its_kind_is_served_once_it_is_established()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var http = Client(server);

        var created = await ApplyAsync(http, DefinitionPath, Definition);
        var beforeEstablished = await http.GetAsync(WidgetPath.Replace("/w", "", StringComparison.Ordinal));
        var first = await GetAsync(http, DefinitionPath);
        var widgetsDiscovery = await http.GetAsync("/apis/example.com/v1");
        var second = await GetAsync(http, DefinitionPath);
        var discovery = JsonNode.Parse(await http.GetStringAsync("/apis/example.com/v1"))!;

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (beforeEstablished.StatusCode, widgetsDiscovery.StatusCode));
        Assert.Equal(("True", "False"), (Condition(first, "NamesAccepted"), Condition(first, "Established")));
        Assert.Equal("True", Condition(second, "Established"));
        Assert.Equal("Widget", (string?)second["status"]!["acceptedNames"]!["kind"]);
        var widgets = discovery["resources"]!.AsArray().Select(r => (string)r!["name"]!).ToArray();
        Assert.Equal(["widgets", "widgets/status"], widgets);
        Assert.True((bool?)discovery["resources"]![0]!["namespaced"]);
    }

    [Fact]
    public async Task Given_an_established_definition_Then_its_resources_are_pruned_to_its_schema_applied_listed_and_deleted_and_go_with_it()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var http = await EstablishedAsync(server);

        var applied = await ApplyAsync(http, WidgetPath, Widget);
        var again = await ApplyAsync(http, WidgetPath, Widget);
        var list = JsonNode.Parse(await http.GetStringAsync("/apis/example.com/v1/widgets"))!;
        var live = server.Get("example.com/v1", "Widget", "default", "w")!;
        var deleted = await http.DeleteAsync(DefinitionPath);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK), (applied.StatusCode, again.StatusCode));
        Assert.Equal(("WidgetList", 1), ((string?)list["kind"], list["items"]!.AsArray().Count));
        Assert.Equal(("3", "1"), (live["spec"]!["size"]!.ToJsonString(), live["metadata"]!["generation"]!.ToJsonString()));
        Assert.Equal(
            """{"size":3,"labels":{"tier":"gold"},"parts":[{"name":"bolt"}],"extra":{"anything":{"goes":"here"}}}""",
            live["spec"]!.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/apis/example.com/v1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(WidgetPath)).StatusCode);
        Assert.DoesNotContain(server.All(), o => (string?)o["kind"] == "Widget");
    }

    [Fact]
    public async Task Given_the_repository_ServiceMonitor_definition_Then_a_ServiceMonitor_is_served_and_a_misspelt_field_pruned()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        server.Simulator.PollsUntilReady = 1;
        using var http = Client(server);
        const string ServiceMonitors = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/servicemonitors.monitoring.coreos.com";
        var definition = await File.ReadAllTextAsync(Path.Combine(Support.Repository.Root, "crds", "monitoring.coreos.com", "v0.93.0", "monitoring.coreos.com_servicemonitors.yaml"));
        await ApplyAsync(http, ServiceMonitors, definition);
        Assert.Equal("True", Condition(await GetAsync(http, ServiceMonitors), "Established"));

        await ApplyAsync(http, "/apis/monitoring.coreos.com/v1/namespaces/default/servicemonitors/rabbitmq", """
            apiVersion: monitoring.coreos.com/v1
            kind: ServiceMonitor
            metadata:
              name: rabbitmq
              namespace: default
            spec:
              selector:
                matchLabels:
                  app: rabbitmq
              endpoint:
              - port: prometheus
              endpoints:
              - port: prometheus
                interval: 30s
            """);

        Assert.Equal(
            """{"selector":{"matchLabels":{"app":"rabbitmq"}},"endpoints":[{"port":"prometheus","interval":"30s"}]}""",
            server.Get("monitoring.coreos.com/v1", "ServiceMonitor", "default", "rabbitmq")!["spec"]!.ToJsonString());
    }

    [Fact]
    public async Task Given_a_stalled_or_refused_definition_Then_it_is_never_established()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        server.Simulator.PollsUntilReady = 1;
        server.Simulator.Fail("apiextensions.k8s.io/v1", "CustomResourceDefinition", null, "widgets.example.com", "NameConflict", "\"wd\" is already in use");
        using var http = Client(server);
        await ApplyAsync(http, DefinitionPath, Definition);

        var refused = await GetAsync(http, DefinitionPath);
        server.Simulator.Stall("apiextensions.k8s.io/v1", "CustomResourceDefinition", null, "widgets.example.com");
        var stalled = await GetAsync(http, DefinitionPath);

        Assert.Equal(("False", "False"), (Condition(refused, "NamesAccepted"), Condition(refused, "Established")));
        Assert.Equal("\"wd\" is already in use", (string?)refused["status"]!["conditions"]!.AsArray().First(c => (string?)c!["type"] == "NamesAccepted")!["message"]);
        Assert.Equal(("True", "False"), (Condition(stalled, "NamesAccepted"), Condition(stalled, "Established")));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/apis/example.com/v1")).StatusCode);
    }

    [Fact]
    public async Task Given_a_kind_that_reports_Ready_Then_its_resources_become_ready_stay_not_ready_or_report_nothing()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var http = await EstablishedAsync(server);
        await ApplyAsync(http, WidgetPath, Widget);
        var silent = await GetAsync(http, WidgetPath);

        server.Simulator.PollsUntilReady = 2;
        server.Simulator.ReportReadyCondition("example.com/v1", "Widget");
        var reconciling = await GetAsync(http, WidgetPath);
        var ready = await GetAsync(http, WidgetPath);
        server.Simulator.Stall("example.com/v1", "Widget", "default", "w");
        var stalled = await GetAsync(http, WidgetPath);

        Assert.Null(silent["status"]);
        Assert.Equal("False", Condition(reconciling, "Ready"));
        Assert.Equal("True", Condition(ready, "Ready"));
        Assert.Equal("1", ready["status"]!["observedGeneration"]!.ToJsonString());
        Assert.Equal("False", Condition(stalled, "Ready"));
    }

    /// <summary>A client of <paramref name="server"/>, which serves Widgets: the definition is applied and polled until established.</summary>
    private static async Task<HttpClient> EstablishedAsync(FakeKubeApiServer server)
    {
        server.Simulator.PollsUntilReady = 1;
        var http = Client(server);
        await ApplyAsync(http, DefinitionPath, Definition);
        Assert.Equal("True", Condition(await GetAsync(http, DefinitionPath), "Established"));
        return http;
    }

    private static HttpClient Client(FakeKubeApiServer server)
    {
        var http = new HttpClient { BaseAddress = server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Token);
        return http;
    }

    private static async Task<HttpResponseMessage> ApplyAsync(HttpClient http, string path, string yaml)
    {
        using var content = new StringContent(yaml, Encoding.UTF8, "application/apply-patch+yaml");
        var response = await http.PatchAsync($"{path}?fieldManager=test", content);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return response;
    }

    private static async Task<JsonObject> GetAsync(HttpClient http, string path) => JsonNode.Parse(await http.GetStringAsync(path))!.AsObject();

    private static string? Condition(JsonObject obj, string type) =>
        (string?)obj["status"]?["conditions"]?.AsArray().FirstOrDefault(c => (string?)c!["type"] == type)?["status"];
}
