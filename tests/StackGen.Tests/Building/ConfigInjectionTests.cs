using k8s;
using k8s.Models;
using StackGen.Building;
using StackGen.Diagnostics;
using StackGen.Layering;
using StackGen.Rendering;
using StackGen.Stacks;
using StackGen.Stacks.Web;
using StackGen.Tests.Support;

namespace StackGen.Tests.Building;

/// <summary>No setting value can add a line (or a statement) to a rendered config file: one test per template and format.</summary>
public sealed class ConfigInjectionTests
{
    private const string Injected = "shop.wsgi:app\nhttp-socket = :9000";

    private static ConfigTemplate Template(string name) => ConfigTemplate.FromResource(typeof(FlaskWeb).Assembly, name);

    [Fact]
    public void A_line_break_in_a_set_value_cannot_reach_uwsgi_ini()
    {
        var run = CliRun.In(Repository.Root, "render", "--env", "production", "--set", "web.module=\"shop.wsgi:app\\nhttp-socket = :9000\"");

        BadInput.AssertOneError(run, "--set web.module=\"shop.wsgi:app\\nhttp-socket = :9000\": error: web.module: a line feed (\\n) in the string");
    }

    [Fact]
    public void A_line_break_in_a_team_layer_cannot_reach_uwsgi_ini()
    {
        using var repository = new ScratchRepository()
            .With("production.yaml", "target: {context: prod, namespace: shop, kubernetesVersion: \"1.34\"}\nstacks:\n  rabbitmq: {}\n  web: {}\n")
            .With("production/apps.yaml", "stacks:\n  web:\n    module: \"shop.wsgi:app\\r\\nhttp-socket = :9000\"\n");

        var run = CliRun.In(repository.Root, "render", "--env", "production");

        BadInput.AssertOneError(run, "environments/production/apps.yaml:3:13: error: web.module: a carriage return (\\r) in the string");
    }

    [Fact]
    public void The_uwsgi_ini_template_refuses_a_value_with_a_line_break()
    {
        var error = Assert.Throws<ConfigValueException>(() => Template("Web/uwsgi.ini.sbn").Render(new
        {
            HttpPort = 8000,
            Module = Injected,
            Processes = 2,
            Threads = 1,
            HarakiriSeconds = 30,
            MaxRequests = 1000,
            ReloadOnRssMegabytes = (long?)null,
        }));

        Assert.Equal(("Web/uwsgi.ini.sbn", '\n'), (error.Template, error.Refused));
    }

    [Fact]
    public void The_rabbitmq_conf_template_refuses_a_value_with_a_line_break()
    {
        var error = Assert.Throws<ConfigValueException>(() => Template("RabbitMq/rabbitmq.conf.sbn").Render(new
        {
            PartitionHandling = "pause_minority\ncluster_partition_handling = ignore",
            Replicas = 3,
            AmqpPort = 5672,
            ManagementPort = 15672,
            PrometheusPort = 15692,
            MemoryLimitBytes = (long?)null,
        }));

        Assert.Equal(("RabbitMq/rabbitmq.conf.sbn", '\n'), (error.Template, error.Refused));
    }

    [Theory]
    [InlineData("Celery/celeryconfig.py.sbn", "Python")]
    [InlineData("Web/uwsgi.ini.sbn", "line-oriented")]
    [InlineData("RabbitMq/rabbitmq.conf.sbn", "line-oriented")]
    public void Every_template_format_has_a_value_rule(string template, string format)
    {
        Assert.Equal(format, ConfigFormat.ForTemplate(template)?.Name);
    }

    [Fact]
    public void A_template_of_a_format_without_a_value_rule_has_none()
    {
        Assert.Null(ConfigFormat.ForTemplate("Web/nginx.json.sbn"));
    }

    [Fact]
    public void A_quote_that_would_end_a_python_literal_is_an_input_error_at_the_setting()
    {
        var catalog = new StackCatalog("test", [new Greeter()]);
        using var repository = new ScratchRepository().With("dev.yaml", """
            target: { context: dev, namespace: test, kubernetesVersion: "1.33" }
            stacks:
              greeter:
                greeting: hello' + __import__('os').getcwd() + '
            """);
        var environment = new EnvironmentLoader(repository.Root, catalog).Load("dev", []);

        var error = Assert.Single(Assert.Throws<InputException>(() => new Renderer(catalog).Render(environment, [])).Errors);

        Assert.Equal("environments/dev.yaml:4:15: error: greeter.greeting: the character ' in 'hello' + __import__('os').getcwd() + '' would change the structure of Building/probe.py.sbn; expected a value on one line, without control characters, quotes or backslashes", error.ToString());
    }

    public sealed record GreeterSettings
    {
        public string Greeting { get; init; } = "hello";
    }

    /// <summary>A stack with a Python config file, as the Celery stack's celeryconfig.py.</summary>
    private sealed class Greeter : StackGen.Stacks.Stack<GreeterSettings>
    {
        private static readonly ConfigTemplate Probe = ConfigTemplate.FromResource(typeof(ConfigInjectionTests).Assembly, "Building/probe.py.sbn");

        public override string Name => "greeter";

        public override string Owner => "test";

        public override string Description => "renders a Python config file";

        protected override IEnumerable<IKubernetesObject<V1ObjectMeta>> Build(StackContext context, GreeterSettings settings) =>
            [new V1ConfigMap { Metadata = context.Metadata(context.Name(), "config"), Data = new Dictionary<string, string> { ["probe.py"] = Probe.Render(new { settings.Greeting }) } }];
    }
}
