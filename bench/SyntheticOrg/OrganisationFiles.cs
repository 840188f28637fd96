using System.Globalization;
using System.Text;
using StackGen.Stacks;
using StackGen.Stacks.RabbitMq;

namespace StackGen.Bench.SyntheticOrg;

/// <summary>
/// The synthetic organisation: the real rabbitmq stack plus N generated services, and the environment files that
/// deploy them (environments/production.yaml and the team layers production/apps.yaml and production/platform.yaml),
/// with values that vary from stack to stack so every setting path is exercised.
/// </summary>
public static class OrganisationFiles
{
    public const string System = "synthetic-org";
    public const string Environment = "production";

    private static readonly string[] FeatureNames = ["search", "payments", "reports", "exports"];

    /// <summary>"svc-0001" ... in a fixed width, so name order is number order.</summary>
    public static string StackName(int index) => $"svc-{index.ToString("D4", CultureInfo.InvariantCulture)}";

    /// <summary>Stacks alternate between the two teams; rabbitmq is the platform team's.</summary>
    public static string Owner(int index) => index % 2 == 1 ? "apps" : "platform";

    public static StackCatalog Catalog(int stacks) => new(
        System,
        [new RabbitMqCluster(), .. Enumerable.Range(1, stacks).Select(i => new SyntheticService(StackName(i), Owner(i)))]);

    /// <summary>Writes ROOT/environments/ for <paramref name="stacks"/> services, replacing what was there.</summary>
    public static void Write(string root, int stacks)
    {
        var environments = Path.Combine(root, "environments");
        if (Directory.Exists(environments))
        {
            Directory.Delete(environments, recursive: true);
        }

        Directory.CreateDirectory(Path.Combine(environments, Environment));
        File.WriteAllText(Path.Combine(environments, $"{Environment}.yaml"), EnvironmentFile(stacks));
        File.WriteAllText(Path.Combine(environments, Environment, "platform.yaml"), TeamLayer(stacks, "platform"));
        File.WriteAllText(Path.Combine(environments, Environment, "apps.yaml"), TeamLayer(stacks, "apps"));
    }

    private static string EnvironmentFile(int stacks)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# Synthetic organisation for the render benchmark: rabbitmq and {stacks} services.\n");
        text.Append("target:\n  context: synthetic\n  namespace: org\n  kubernetesVersion: \"1.34\"\ntier: production\nstacks:\n");
        text.Append("  rabbitmq:\n    replicas: 3\n");
        for (var i = 1; i <= stacks; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {StackName(i)}:\n");
            text.Append(CultureInfo.InvariantCulture, $"    image: registry.example.com/org/{StackName(i)}:1.{i % 20}.{i % 7}\n");
            text.Append(CultureInfo.InvariantCulture, $"    replicas: {2 + (i % 3)}\n");
            if (i % 5 == 0)
            {
                text.Append("    logLevel: debug\n");
            }

            if (i % FeatureNames.Length is var features and > 0)
            {
                text.Append("    features:\n");
                foreach (var feature in FeatureNames.Take(features))
                {
                    text.Append(CultureInfo.InvariantCulture, $"    - {feature}\n");
                }
            }

            text.Append(CultureInfo.InvariantCulture, $"    autoscaling:\n      minReplicas: 2\n      maxReplicas: {6 + (i % 10)}\n");
        }

        return text.ToString();
    }

    private static string TeamLayer(int stacks, string team)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# Overrides owned by the {team} team in production.\nstacks:\n");
        if (team == "platform")
        {
            text.Append("  rabbitmq:\n    storage:\n      storageClass: ssd\n      size: 50Gi\n");
            text.Append("    resources:\n      requests:\n        cpu: \"1\"\n        memory: 4Gi\n      limits:\n        cpu: \"2\"\n        memory: 4Gi\n");
        }

        for (var i = 1; i <= stacks; i++)
        {
            if (Owner(i) != team)
            {
                continue;
            }

            var memory = 256 << (i % 3);
            text.Append(CultureInfo.InvariantCulture, $"  {StackName(i)}:\n");
            text.Append(CultureInfo.InvariantCulture, $"    resources:\n      requests:\n        cpu: {100 + (i % 4 * 100)}m\n        memory: {memory}Mi\n      limits:\n        cpu: \"1\"\n        memory: {memory}Mi\n");
            text.Append(CultureInfo.InvariantCulture, $"    store:\n      storage:\n        storageClass: ssd\n        size: {5 + (i % 4 * 5)}Gi\n");
            text.Append("      resources:\n        requests:\n          cpu: 100m\n          memory: 128Mi\n        limits:\n          cpu: 500m\n          memory: 256Mi\n");
        }

        return text.ToString();
    }
}
