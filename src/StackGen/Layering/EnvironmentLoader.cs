using System.Text.RegularExpressions;
using StackGen.Binding;
using StackGen.Charts;
using StackGen.Diagnostics;
using StackGen.Parallelism;
using StackGen.Stacks;
using StackGen.Validation;

namespace StackGen.Layering;

/// <summary>
/// Loads an environment: environments/ENV.yaml, the team layers in environments/ENV/TEAM.yaml and --set
/// arguments, merged in that order onto each stack's code defaults, then bound strictly.
/// </summary>
public sealed partial class EnvironmentLoader(string root, StackCatalog catalog)
{
    private static readonly string[] EnvironmentKeys = ["target", "tier", "stacks", "lint"];
    private static readonly string[] TeamLayerKeys = ["stacks"];

    public string Root { get; } = root;

    /// <summary>The environments defined in environments/, in name order.</summary>
    public IReadOnlyList<string> EnvironmentNames() =>
        YamlFilesIn(RepositoryRoot.EnvironmentsDirectory)
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToArray();

    public EnvironmentConfig Load(string environment, IReadOnlyList<string> sets)
    {
        var names = EnvironmentNames();
        if (!names.Contains(environment))
        {
            throw new InputException(
                SourceLocation.Flag($"--env {environment}"),
                $"unknown environment '{environment}'{Suggestions.DidYouMean(environment, names)} (environments: {string.Join(", ", names)}; each is a file {RepositoryRoot.EnvironmentsDirectory}/NAME.yaml)");
        }

        var errors = new ErrorList();
        var environmentFile = DisplayPath($"{environment}.yaml");
        var teamLayers = TeamLayers(environment);

        // The files are parsed up front, in parallel for a large organisation; a YAML error of an earlier file
        // still wins over one of a later file, as when they are read one by one.
        var parsed = InOrder.Map([environmentFile, .. teamLayers.Select(layer => layer.File)], ReadFile, catalog.Stacks.Count);
        var document = AsMapping(environmentFile, parsed[0], errors);
        CheckKeys(document, EnvironmentKeys, "", errors);
        var target = BindTarget(document, environmentFile, errors);
        var tier = BindTier(document, errors);
        var lint = EnvironmentLint.Bind(document["lint"], Linter.RulesFor(catalog.Stacks), errors);

        var layers = new Dictionary<string, SettingNode?>(StringComparer.Ordinal);

        // Each stack's layers as written, in order, to check each on its own as well as merged.
        var layerNodes = new Dictionary<string, List<SettingNode>>(StringComparer.Ordinal);
        var declared = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        var stacksNode = document["stacks"];
        if (stacksNode is MappingNode stacks)
        {
            foreach (var entry in stacks.Entries)
            {
                if (CheckStackName(entry, errors) is not null)
                {
                    layers[entry.Key] = entry.Value is ScalarNode { IsNull: true } ? null : Merge(null, entry.Value);
                    declared[entry.Key] = entry.KeyLocation;
                    layerNodes[entry.Key] = [entry.Value];
                }
            }
        }
        else if (stacksNode is not null)
        {
            errors.Add(stacksNode.Location, $"stacks: expected a mapping of stack name to settings, got {stacksNode.Describe()}");
        }

        for (var i = 0; i < teamLayers.Length; i++)
        {
            ApplyTeamLayer(environment, teamLayers[i].Team, teamLayers[i].File, AsMapping(teamLayers[i].File, parsed[i + 1], errors), layers, layerNodes, errors);
        }

        foreach (var set in sets)
        {
            ApplySet(environment, set, layers, layerNodes, errors);
        }

        errors.ThrowIfAny();

        // Stacks bind independently (in parallel for a large organisation), each into its own error list; the
        // lists are appended in stack name order, so errors come out in the same order as from a sequential bind.
        var bindings = InOrder.Map([.. layers.OrderBy(pair => pair.Key, StringComparer.Ordinal)], pair => Bind(pair.Key, pair.Value, declared[pair.Key], layerNodes[pair.Key]));
        var bound = new List<StackLayers>();
        foreach (var (layersOfStack, stackErrors) in bindings)
        {
            errors.AddRange(stackErrors);
            if (layersOfStack is not null)
            {
                bound.Add(layersOfStack);
            }
        }

        errors.ThrowIfAny();
        return new EnvironmentConfig(environment, target!, tier, bound, lint) { Root = Root };
    }

    private (string Team, string File)[] TeamLayers(string environment)
    {
        var directory = Path.Combine(Root, RepositoryRoot.EnvironmentsDirectory, environment);
        if (!Directory.Exists(directory))
        {
            return [];
        }

        return YamlFilesIn(DisplayPath(environment))
            .Select(path => (Path.GetFileNameWithoutExtension(path), DisplayPath($"{environment}/{Path.GetFileName(path)}")))
            .OrderBy(layer => layer.Item1, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>
    /// The YAML files of a directory of the repository (<paramref name="relative"/>), as paths; a directory that cannot
    /// be listed is an input error naming it.
    /// </summary>
    private string[] YamlFilesIn(string relative)
    {
        try
        {
            return Directory.GetFiles(Path.Combine(Root, relative), "*.yaml");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(SourceLocation.File(relative + "/"), $"cannot be listed: {e.Message}; expected a readable directory of YAML files");
        }
    }

    /// <summary>
    /// Binds a stack's merged settings, then every layer that set them on its own: a value a later layer overrides is
    /// checked too (it would surface the day the override is removed). An error both report is reported once.
    /// </summary>
    private (StackLayers? Layers, ErrorList Errors) Bind(string name, SettingNode? node, SourceLocation declared, List<SettingNode> layers)
    {
        var errors = new ErrorList();
        var stack = catalog.Find(name)!;
        if (node is not null and not MappingNode)
        {
            errors.Add(node.Location, $"stacks.{name}: expected a mapping of settings, got {node.Describe()}");
            return (null, errors);
        }

        var bound = SettingsBinder.Bind(stack.SettingsType, node as MappingNode, name, errors);
        if (!errors.Any)
        {
            stack.Check(bound.Value, new SettingChecks(stack, node as MappingNode, declared, errors));
            ChartSettings.Check(bound.Value, Root, declared, errors);
        }

        // Every layer is checked as written, also where a later layer overrides it or where its value is a reset (null),
        // which the merge drops: an unknown key is an error even when its value is null. A stack only one layer sets,
        // without resets, has been checked whole already. Repeated errors are reported once.
        foreach (var layer in layers)
        {
            if (layer is MappingNode alone && (layers.Count > 1 || LayerMerge.HasResets(alone)))
            {
                SettingsBinder.Bind(stack.SettingsType, alone, name, errors, partial: true);
            }
        }

        return (new StackLayers(stack, bound, declared), errors);
    }

    private void ApplyTeamLayer(string environment, string team, string file, MappingNode document, Dictionary<string, SettingNode?> layers, Dictionary<string, List<SettingNode>> layerNodes, ErrorList errors)
    {
        var teams = catalog.Stacks.Select(s => s.Owner).Distinct().Order(StringComparer.Ordinal).ToArray();
        if (!teams.Contains(team))
        {
            errors.Add(
                SourceLocation.InFile(file, 1, 1),
                $"unknown team '{team}'{Suggestions.DidYouMean(team, teams)}; expected a team layer named after a team that owns stacks ({string.Join(", ", teams)})");
            return;
        }

        CheckKeys(document, TeamLayerKeys, "", errors);
        if (document["stacks"] is not MappingNode stacks)
        {
            return;
        }

        foreach (var entry in stacks.Entries)
        {
            if (CheckStackName(entry, errors) is not { } stack)
            {
                continue;
            }

            if (stack.Owner != team)
            {
                errors.Add(
                    entry.KeyLocation,
                    $"stacks.{stack.Name}: team '{team}' may not override stack '{stack.Name}', owned by team '{stack.Owner}'; move this to {DisplayPath($"{environment}/{stack.Owner}.yaml")}");
            }
            else if (!layers.TryGetValue(stack.Name, out var under))
            {
                errors.Add(entry.KeyLocation, $"stacks.{stack.Name}: stack '{stack.Name}' is not deployed in environment '{environment}'; add it under stacks: in {DisplayPath($"{environment}.yaml")} first");
            }
            else
            {
                layers[stack.Name] = Merge(under, entry.Value);
                layerNodes[stack.Name].Add(entry.Value);
            }
        }
    }

    private void ApplySet(string environment, string set, Dictionary<string, SettingNode?> layers, Dictionary<string, List<SettingNode>> layerNodes, ErrorList errors)
    {
        var location = SourceLocation.SetArgument(set);
        var match = SetArgument().Match(set);
        if (!match.Success)
        {
            errors.Add(location, "expected STACK.PATH=VALUE, for example rabbitmq.replicas=5 or rabbitmq.storage.size=20Gi");
            return;
        }

        var stackName = match.Groups["stack"].Value;
        if (catalog.Find(stackName) is null)
        {
            errors.Add(location, $"unknown stack '{stackName}'{Suggestions.DidYouMean(stackName, catalog.Names)} (stacks: {string.Join(", ", catalog.Names)})");
            return;
        }

        if (!layers.TryGetValue(stackName, out var under))
        {
            errors.Add(location, $"stack '{stackName}' is not deployed in environment '{environment}'; add it under stacks: in {DisplayPath($"{environment}.yaml")}");
            return;
        }

        SettingNode? read;
        try
        {
            read = YamlLayerReader.Read(match.Groups["value"].Value, (_, _) => location);
        }
        catch (InputException e)
        {
            errors.AddRange(e.Errors);
            return;
        }

        // An empty value is most often an unset shell variable ($REPLICAS); resetting the setting silently would
        // hide that, so a reset is written as null.
        if (read is null || (read is ScalarNode { IsNull: true, Text: "" }))
        {
            errors.Add(location, $"{stackName}.{match.Groups["path"].Value}: an empty value; expected a value, or null to reset the setting to its code default");
            return;
        }

        var value = read;
        var keys = match.Groups["path"].Value.Split('.');
        if (keys.Length >= YamlLayerReader.MaxDepth)
        {
            errors.Add(location, $"nesting too deep: a path of {keys.Length} keys; expected a setting path a few keys long, such as rabbitmq.storage.size");
            return;
        }

        for (var i = keys.Length - 1; i >= 0; i--)
        {
            value = MappingNode.Empty(location).With(keys[i], location, value);
        }

        layers[stackName] = Merge(under, value);
        layerNodes[stackName].Add(value);
    }

    private static SettingNode? Merge(SettingNode? under, SettingNode over) => LayerMerge.Merge(under, over);

    private IStack? CheckStackName(MappingEntry entry, ErrorList errors)
    {
        if (catalog.Find(entry.Key) is { } stack)
        {
            return stack;
        }

        errors.Add(entry.KeyLocation, $"stacks.{entry.Key}: unknown stack '{entry.Key}'{Suggestions.DidYouMean(entry.Key, catalog.Names)} (stacks: {string.Join(", ", catalog.Names)}; see `stackgen stacks`)");
        return null;
    }

    private static Target? BindTarget(MappingNode document, string file, ErrorList errors)
    {
        if (document["target"] is not MappingNode node)
        {
            errors.Add(document["target"]?.Location ?? SourceLocation.InFile(file, 1, 1), "target: expected a mapping with context, namespace and kubernetesVersion");
            return null;
        }

        // A value the binder refused (null, a list) leaves its property null, already reported.
        var target = (Target)SettingsBinder.Bind(typeof(Target), node, "target", errors).Value;
        if (node["kubernetesVersion"] is { } version && target.KubernetesVersion is { } text && !KubernetesVersion().IsMatch(text))
        {
            errors.Add(version.Location, $"target.kubernetesVersion: expected a Kubernetes minor version written as a quoted string such as \"1.33\", got {version.Describe()}");
        }

        if (node["namespace"] is { } ns && target.Namespace is { } name && !Naming.Names.IsDnsLabel(name))
        {
            errors.Add(ns.Location, $"target.namespace: expected a DNS label ({Naming.Names.DnsLabelRule}), got {ns.Describe()}");
        }

        return target;
    }

    private static Tier BindTier(MappingNode document, ErrorList errors)
    {
        if (document["tier"] is not { } node)
        {
            return Tier.Development;
        }

        var type = ScalarType.For(typeof(Tier))!;
        if (node is ScalarNode scalar && type.Parse(scalar) is Tier tier)
        {
            return tier;
        }

        errors.Add(node.Location, $"tier: expected {type.Expected}, got {node.Describe()}");
        return Tier.Development;
    }

    private static void CheckKeys(MappingNode document, string[] allowed, string path, ErrorList errors)
    {
        foreach (var entry in document.Entries.Where(e => !allowed.Contains(e.Key)))
        {
            errors.Add(entry.KeyLocation, $"{path}{entry.Key}: unknown key{Suggestions.DidYouMean(entry.Key, allowed)} (expected: {string.Join(", ", allowed)})");
        }
    }

    private SettingNode? ReadFile(string displayPath) => YamlLayerReader.ReadFile(Path.Combine(Root, displayPath), displayPath);

    private static MappingNode AsMapping(string displayPath, SettingNode? node, ErrorList errors)
    {
        var start = SourceLocation.InFile(displayPath, 1, 1);
        switch (node)
        {
            case MappingNode mapping:
                return mapping;
            case null:
                return MappingNode.Empty(start);
            default:
                errors.Add(node.Location, $"expected a mapping at the top of the file, got {node.Describe()}");
                return MappingNode.Empty(start);
        }
    }

    private static string DisplayPath(string relative) => $"{RepositoryRoot.EnvironmentsDirectory}/{relative}";

    [GeneratedRegex(@"^(?<stack>[a-z0-9-]+)\.(?<path>[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*)=(?<value>.*)$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex SetArgument();

    [GeneratedRegex(@"^1\.[0-9]{1,2}$", RegexOptions.CultureInvariant)]
    private static partial Regex KubernetesVersion();
}
