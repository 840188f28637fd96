using System.Text.RegularExpressions;
using StackGen.Diagnostics;
using StackGen.Layering;

namespace StackGen.Charts;

/// <summary>What StackGen reads of a chart's Chart.yaml: its name, version and declared dependencies.</summary>
public sealed partial record ChartManifest(string Name, string Version, string? AppVersion, IReadOnlyList<ChartDependency> Dependencies)
{
    public const string FileName = "Chart.yaml";

    /// <summary>Reads DIRECTORY/Chart.yaml (and requirements.yaml, where an apiVersion v1 chart declares its dependencies).</summary>
    /// <param name="shown">How messages name the directory.</param>
    public static ChartManifest Read(string directory, string shown)
    {
        var path = Path.Combine(directory, FileName);
        var display = $"{shown}/{FileName}";
        if (!File.Exists(path))
        {
            throw new InputException(SourceLocation.File(shown), $"has no {FileName}; expected a Helm chart (a directory with Chart.yaml, or its .tgz)");
        }

        var errors = new ErrorList();
        var document = YamlLayerReader.ReadFile(path, display) as MappingNode
            ?? throw new InputException(SourceLocation.File(display), "expected a mapping with apiVersion, name and version");
        var name = Text(document, "name", errors);
        var version = Text(document, "version", errors);
        if (name is not null && !IsName(name))
        {
            errors.Add(document["name"]!.Location, $"name: expected a chart name (letters, digits, '-', '_', '.'), got '{name}'");
        }

        if (version is not null && !IsVersion(version))
        {
            errors.Add(document["version"]!.Location, $"version: expected a semantic version such as 1.2.3, got '{version}'");
        }

        var requirements = Path.Combine(directory, "requirements.yaml");
        var dependencies = Declared(document, errors).ToList();
        if (dependencies.Count == 0 && File.Exists(requirements) && YamlLayerReader.ReadFile(requirements, $"{shown}/requirements.yaml") is MappingNode legacy)
        {
            dependencies.AddRange(Declared(legacy, errors));
        }

        errors.ThrowIfAny();
        return new ChartManifest(name!, version!, document["appVersion"] is ScalarNode app ? app.Text : null, dependencies);
    }

    /// <summary>A name that is safe as one path segment: Helm's chart name characters.</summary>
    public static bool IsName(string name) => ChartName().IsMatch(name);

    /// <summary>A version that is safe as one path segment: SemVer's characters.</summary>
    public static bool IsVersion(string version) => SemanticVersion().IsMatch(version);

    private static IEnumerable<ChartDependency> Declared(MappingNode document, ErrorList errors)
    {
        switch (document["dependencies"])
        {
            case null:
            case ScalarNode { IsNull: true }:
                yield break;
            case SequenceNode list:
                foreach (var item in list.Items)
                {
                    if (item is MappingNode dependency && Text(dependency, "name", errors) is { } name)
                    {
                        yield return new ChartDependency(
                            name,
                            (dependency["version"] as ScalarNode)?.Text,
                            (dependency["alias"] as ScalarNode) is { IsNull: false } alias ? alias.Text : null);
                    }
                    else if (item is not MappingNode)
                    {
                        errors.Add(item.Location, $"dependencies: expected a mapping with name and version, got {item.Describe()}");
                    }
                }

                yield break;
            case var other:
                errors.Add(other.Location, $"dependencies: expected a list, got {other.Describe()}");
                yield break;
        }
    }

    private static string? Text(MappingNode mapping, string key, ErrorList errors)
    {
        switch (mapping[key])
        {
            case ScalarNode { IsNull: false, Text.Length: > 0 } scalar:
                return scalar.Text;
            case null:
                errors.Add(mapping.Location, $"{key}: missing; expected a chart's {key}");
                return null;
            case var other:
                errors.Add(other.Location, $"{key}: expected a string, got {other.Describe()}");
                return null;
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")]
    private static partial Regex ChartName();

    // SemVer 2 as Helm requires it, loosely: the characters it allows, starting with a digit ("v1.2.3" Helm also takes).
    [GeneratedRegex(@"^v?[0-9]+(\.[0-9A-Za-z-]+)*([-+][0-9A-Za-z.+-]+)?$")]
    private static partial Regex SemanticVersion();
}
