using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace StackGen.Bench.Compare;

/// <summary>
/// Compares multi-document YAML renders object by object: the same set of Kind/namespace/name, and (reported,
/// not required) the same fields. Normalised before comparing: key order, scalar quoting ("5672" and 5672 are
/// the same text), the chart's helm.sh/chart label, the value of app.kubernetes.io/managed-by (Helm vs stackgen)
/// and the value of checksum/config annotations (each tool hashes different bytes; only presence is compared).
/// </summary>
public static class ObjectComparison
{
    private const int MaxDifferencesShown = 15;

    private static readonly HashSet<string> IgnoredLabels = new(StringComparer.Ordinal) { "helm.sh/chart" };

    private static readonly HashSet<string> ValueIgnored = new(StringComparer.Ordinal) { "app.kubernetes.io/managed-by", "checksum/config" };

    /// <summary>compare-objects REFERENCE.yaml OTHER.yaml...; exit 0 when every file has the reference's objects, 1 otherwise.</summary>
    public static int Run(string[] args, TextWriter output)
    {
        var strict = args.Contains("--strict-fields");
        var files = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        if (files.Length < 2)
        {
            output.WriteLine("usage: compare-objects [--strict-fields] REFERENCE.yaml OTHER.yaml...   (exit 1 when the object sets differ, or with --strict-fields any field)");
            return 2;
        }

        var reference = Load(files[0]);
        output.WriteLine($"reference {files[0]}: {reference.Count} objects");
        var failed = false;
        foreach (var file in files.Skip(1))
        {
            var other = Load(file);
            var missing = reference.Keys.Except(other.Keys).Order(StringComparer.Ordinal).ToArray();
            var extra = other.Keys.Except(reference.Keys).Order(StringComparer.Ordinal).ToArray();
            var differences = new List<string>();
            foreach (var key in reference.Keys.Intersect(other.Keys).Order(StringComparer.Ordinal))
            {
                Diff(reference[key], other[key], key, null, differences);
            }

            var sameSet = missing.Length == 0 && extra.Length == 0;
            output.WriteLine($"{file}: {other.Count} objects; same Kind/namespace/name set: {(sameSet ? "yes" : "NO")}; field differences: {differences.Count}");
            foreach (var key in missing)
            {
                output.WriteLine($"  missing {key}");
            }

            foreach (var key in extra)
            {
                output.WriteLine($"  extra   {key}");
            }

            foreach (var difference in differences.Take(MaxDifferencesShown))
            {
                output.WriteLine($"  {difference}");
            }

            if (differences.Count > MaxDifferencesShown)
            {
                output.WriteLine($"  ... and {differences.Count - MaxDifferencesShown} more");
            }

            failed |= !sameSet || (strict && differences.Count > 0);
        }

        return failed ? 1 : 0;
    }

    private static Dictionary<string, YamlMappingNode> Load(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        var objects = new Dictionary<string, YamlMappingNode>(StringComparer.Ordinal);
        foreach (var document in stream.Documents)
        {
            if (document.RootNode is not YamlMappingNode root || Scalar(root, "kind") is not { } kind)
            {
                continue;
            }

            var metadata = root.Children.TryGetValue(new YamlScalarNode("metadata"), out var node) ? node as YamlMappingNode : null;
            var name = metadata is null ? null : Scalar(metadata, "name");
            var ns = metadata is null ? null : Scalar(metadata, "namespace");
            objects[$"{kind}/{ns ?? "-"}/{name}"] = root;
        }

        return objects;
    }

    private static string? Scalar(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;

    private static void Diff(YamlNode expected, YamlNode actual, string path, string? key, List<string> differences)
    {
        switch (expected, actual)
        {
            case (YamlScalarNode e, YamlScalarNode a):
                if (!(key is not null && ValueIgnored.Contains(key)) && !SameScalar(e.Value, a.Value))
                {
                    differences.Add($"{path}: {Show(e.Value)} != {Show(a.Value)}");
                }

                break;
            case (YamlSequenceNode e, YamlSequenceNode a):
                if (e.Children.Count != a.Children.Count)
                {
                    differences.Add($"{path}: {e.Children.Count} items != {a.Children.Count} items");
                }

                for (var i = 0; i < Math.Min(e.Children.Count, a.Children.Count); i++)
                {
                    Diff(e.Children[i], a.Children[i], $"{path}[{i}]", null, differences);
                }

                break;
            case (YamlMappingNode e, YamlMappingNode a):
                var expectedEntries = Entries(e);
                var actualEntries = Entries(a);
                foreach (var (name, value) in expectedEntries)
                {
                    if (actualEntries.TryGetValue(name, out var other))
                    {
                        Diff(value, other, $"{path}.{name}", name, differences);
                    }
                    else if (!IsEmpty(value))
                    {
                        differences.Add($"{path}.{name}: missing");
                    }
                }

                foreach (var (name, value) in actualEntries.Where(p => !expectedEntries.ContainsKey(p.Key) && !IsEmpty(p.Value)))
                {
                    differences.Add($"{path}.{name}: extra ({Describe(value)})");
                }

                break;
            default:
                if (!(IsEmpty(expected) && IsEmpty(actual)))
                {
                    differences.Add($"{path}: {Describe(expected)} != {Describe(actual)}");
                }

                break;
        }
    }

    private static Dictionary<string, YamlNode> Entries(YamlMappingNode mapping) => mapping.Children
        .Where(p => p.Key is YamlScalarNode { Value: { } k } && !IgnoredLabels.Contains(k))
        .ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => p.Value, StringComparer.Ordinal);

    /// <summary>Null, empty mappings and empty sequences are all "not set" (emitters differ in writing them).</summary>
    private static bool IsEmpty(YamlNode node) => node switch
    {
        YamlScalarNode s => s.Style == YamlDotNet.Core.ScalarStyle.Plain && s.Value is null or "" or "null" or "~",
        YamlMappingNode m => m.Children.Count == 0,
        YamlSequenceNode q => q.Children.Count == 0,
        _ => false,
    };

    private static bool SameScalar(string? a, string? b) =>
        string.Equals(a, b, StringComparison.Ordinal)
        || (decimal.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && decimal.TryParse(b, NumberStyles.Float, CultureInfo.InvariantCulture, out var y) && x == y);

    private static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode s => Show(s.Value),
        YamlMappingNode m => $"mapping of {m.Children.Count}",
        YamlSequenceNode q => $"sequence of {q.Children.Count}",
        _ => node.NodeType.ToString(),
    };

    private static string Show(string? value)
    {
        var text = value ?? "null";
        text = text.Replace("\n", "\\n", StringComparison.Ordinal);
        return text.Length > 70 ? $"\"{text[..70]}...\"" : $"\"{text}\"";
    }
}
