using System.Text.RegularExpressions;
using k8s.Models;
using StackGen.Rendering;
using StackGen.Stacks.Celery;

namespace StackGen.Tests.Support;

/// <summary>Reads the rendered Celery configuration module (stackgen_celeryconfig.py) out of a render.</summary>
public static partial class CeleryModules
{
    public static string Text(RenderResult result, string configMap) =>
        result.Objects.Select(o => o.Resource).OfType<V1ConfigMap>().Single(c => c.Metadata.Name == configMap).Data[CeleryConfigModule.FileName];

    /// <summary>The string literals of the module's _nodes list, in order.</summary>
    public static IEnumerable<string> BrokerNodes(string module) =>
        ListItems().Matches(Block(module, "_nodes = [")).Select(m => m.Groups["value"].Value);

    /// <summary>The lines of the list assigned by <paramref name="opening"/>, up to its closing bracket.</summary>
    public static string Block(string module, string opening)
    {
        var start = module.IndexOf("\n" + opening + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"the module has no line '{opening}'");
        var end = module.IndexOf("\n]\n", start, StringComparison.Ordinal);
        return module[(start + opening.Length + 2)..(end + 1)];
    }

    [GeneratedRegex(@"^    ""(?<value>[^""\\]*)"",$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex ListItems();
}
