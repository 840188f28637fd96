using StackGen.Diagnostics;
using StackGen.Layering;
using StackGen.Stacks.RabbitMq;
using StackGen.Tests.Support;

namespace StackGen.Tests.Layering;

/// <summary>Code defaults, then the environment file, then team layers, then --set; later wins, and every value knows its source.</summary>
public sealed class LayeringTests : IDisposable
{
    private readonly ScratchRepository _repository = new ScratchRepository()
        .With("dev.yaml", """
            target:
              context: dev
              namespace: shop-dev
              kubernetesVersion: "1.33"
            stacks:
              rabbitmq:
                replicas: 1
                storage:
                  size: 20Gi
            """)
        .With("dev/platform.yaml", """
            stacks:
              rabbitmq:
                replicas: 3
            """);

    public void Dispose() => _repository.Dispose();

    private EnvironmentConfig Load(params string[] sets) => new EnvironmentLoader(_repository.Root, Renders.Catalog).Load("dev", sets);

    private static RabbitMqSettings Settings(EnvironmentConfig environment) => (RabbitMqSettings)environment.Find("rabbitmq")!.Settings.Value;

    [Fact]
    public void Values_not_set_anywhere_keep_their_code_default()
    {
        var settings = Settings(Load());

        Assert.Equal(PartitionHandling.PauseMinority, settings.PartitionHandling);
        Assert.Equal("standard", settings.Storage.StorageClass);
    }

    [Fact]
    public void A_team_layer_overrides_the_environment_file()
    {
        Assert.Equal(3, Settings(Load()).Replicas);
    }

    [Fact]
    public void A_set_argument_overrides_every_file()
    {
        Assert.Equal(5, Settings(Load("rabbitmq.replicas=5")).Replicas);
    }

    [Fact]
    public void Nested_mappings_merge_key_by_key()
    {
        var settings = Settings(Load("rabbitmq.storage.storageClass=ssd"));

        Assert.Equal("ssd", settings.Storage.StorageClass);
        Assert.Equal("20Gi", settings.Storage.Size.Text);
    }

    [Fact]
    public void Null_resets_a_value_to_its_code_default()
    {
        var settings = Settings(Load("rabbitmq.storage.size=null"));

        Assert.Equal("10Gi", settings.Storage.Size.Text);
    }

    [Fact]
    public void Provenance_names_the_winning_layer_and_what_it_overrode()
    {
        var settings = Load("rabbitmq.replicas=5").Find("rabbitmq")!.Settings;

        var replicas = settings.Find("rabbitmq.replicas")!;
        Assert.Equal("5", replicas.Value);
        Assert.Equal("--set rabbitmq.replicas=5", replicas.Source.Text);
        Assert.Equal(
            ["environments/dev/platform.yaml:3:15", "environments/dev.yaml:7:15", "default in code"],
            replicas.Overrode.Select(o => o.Text));

        var size = settings.Find("rabbitmq.storage.size")!;
        Assert.Equal("environments/dev.yaml:9:13", size.Source.Text);

        var handling = settings.Find("rabbitmq.partitionHandling")!;
        Assert.Equal("pauseMinority", handling.Value);
        Assert.Same(SourceLocation.CodeDefault, handling.Source);
    }

    [Fact]
    public void Enum_values_accept_the_rabbitmq_spelling()
    {
        Assert.Equal(PartitionHandling.Autoheal, Settings(Load("rabbitmq.partitionHandling=autoheal")).PartitionHandling);
        Assert.Equal(PartitionHandling.PauseMinority, Settings(Load("rabbitmq.partitionHandling=pause_minority")).PartitionHandling);
    }

    [Fact]
    public void A_team_layer_may_not_override_another_teams_stack()
    {
        _repository.With("dev/apps.yaml", "stacks:\n  rabbitmq:\n    replicas: 7\n");

        var error = Assert.Single(Assert.Throws<InputException>(() => Load()).Errors);

        Assert.StartsWith("environments/dev/apps.yaml:2:3: error: stacks.rabbitmq: team 'apps' may not override stack 'rabbitmq', owned by team 'platform'", error.ToString());
    }
}
