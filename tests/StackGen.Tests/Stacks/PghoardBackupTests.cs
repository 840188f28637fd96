using System.Text.Json;
using k8s.Models;
using StackGen.Tests.Support;

namespace StackGen.Tests.Stacks;

/// <summary>The pghoard stack: WAL streamed from a replication slot that exists before pghoard starts; pghoard runs where it can write.</summary>
public sealed class PghoardBackupTests
{
    public static TheoryData<string> Environments() => [.. Renders.Environments];

    private static JsonElement[] Nodes(V1Secret config)
    {
        using var json = JsonDocument.Parse(config.StringData["pghoard.json"]);
        return [.. json.RootElement.GetProperty("backup_sites").EnumerateObject().SelectMany(site => site.Value.GetProperty("nodes").EnumerateArray()).Select(n => n.Clone())];
    }

    /// <summary>pghoard passes --slot to pg_receivewal only for a node with "slot"; without one WAL is recycled under it.</summary>
    [Theory]
    [MemberData(nameof(Environments))]
    public void Every_node_streams_from_the_slot(string environment)
    {
        var byDefault = Nodes(Renders.Render(environment).Find<V1Secret>("pghoard-config"));
        var set = Nodes(Renders.Render(environment, ["pghoard.slot=backup_eu1"]).Find<V1Secret>("pghoard-config"));

        Assert.NotEmpty(byDefault);
        Assert.All(byDefault, node => Assert.Equal("pghoard", node.GetProperty("slot").GetString()));
        Assert.All(set, node => Assert.Equal("backup_eu1", node.GetProperty("slot").GetString()));
    }

    /// <summary>pghoard never creates its slot: an init container does, logging in exactly as pghoard does.</summary>
    [Theory]
    [MemberData(nameof(Environments))]
    public void The_slot_is_created_before_pghoard_starts_with_pghoards_credentials(string environment)
    {
        var result = Renders.Render(environment);
        var deployment = result.Find<V1Deployment>("pghoard");
        var pghoard = deployment.Container("pghoard");
        var setup = Assert.Single(deployment.Spec.Template.Spec.InitContainers);
        var node = Assert.Single(Nodes(result.Find<V1Secret>("pghoard-config")));
        string Field(string name) => node.GetProperty(name).ValueKind == JsonValueKind.Number ? node.GetProperty(name).GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture) : node.GetProperty(name).GetString()!;

        Assert.Equal("create-slot", setup.Name);
        Assert.Equal(pghoard.Image, setup.Image);
        Assert.Equal(
            ["pg_receivewal", "--create-slot", "--if-not-exists", "--slot", "pghoard", "--dbname",
             $"host='{Field("host")}' port='{Field("port")}' user='{Field("user")}' dbname='{Field("dbname")}' sslmode='{Field("sslmode")}'"],
            setup.Command);
        var password = setup.Env.Single(e => e.Name == "PGPASSWORD").ValueFrom.SecretKeyRef;
        var pghoardPassword = pghoard.Env.Single(e => e.Name == "PGPASSWORD").ValueFrom.SecretKeyRef;
        Assert.Equal((pghoardPassword.Name, pghoardPassword.Key), (password.Name, password.Key));
        Assert.NotNull(setup.Resources?.Limits);
    }

    [Fact]
    public void A_setting_cannot_add_a_keyword_to_the_slot_connection_string()
    {
        var setup = Renders.Render("dev", ["pghoard.database.host=db' sslmode='disable"]).Find<V1Deployment>("pghoard").Container("create-slot");

        Assert.Equal(@"host='db\' sslmode=\'disable' port='5432' user='pghoard' dbname='postgres' sslmode='prefer'", setup.Command[^1]);
    }

    [Fact]
    public void A_slot_name_postgres_would_refuse_is_an_input_error()
    {
        Assert.Equal(
            "--set pghoard.slot=Pghoard-1: error: pghoard.slot: expected a replication slot name: 1 to 63 lowercase letters, digits and underscores, got 'Pghoard-1'",
            Refused.Sets("pghoard.slot=Pghoard-1"));
    }

    /// <summary>pghoard writes persisted_progress_file.json into its working directory, which must be writable by uid 999.</summary>
    [Theory]
    [MemberData(nameof(Environments))]
    public void Pghoard_runs_in_its_data_volume(string environment)
    {
        var deployment = Renders.Render(environment).Find<V1Deployment>("pghoard");
        var pghoard = deployment.Container("pghoard");
        var claim = deployment.Spec.Template.Spec.Volumes.Single(v => v.PersistentVolumeClaim is not null);

        Assert.Equal(pghoard.VolumeMounts.Single(m => m.Name == claim.Name).MountPath, pghoard.WorkingDir);
    }
}
