using k8s;
using k8s.Models;
using StackGen.Binding;
using StackGen.Stacks;
using StackGen.Stacks.ReadmeExample;
using StackGen.Tests.Fixtures;
using StackGen.Tests.Support;

namespace StackGen.Tests.Stacks;

/// <summary>
/// Every settings record in both catalogs binds: each property, at any depth, has a type the binder knows, `stackgen
/// stacks` describes it and `stackgen explain` addresses it. A value type added without declaring it fails here, with
/// the settings type, the property path and the file to edit named.
/// </summary>
public sealed class SettingsCatalogTests
{
    private const string CustomKinds = "  custom kinds: ";

    /// <summary>`stacks` names the custom resource kinds each stack may emit, with their apiVersions.</summary>
    [Fact]
    public void Stacks_lists_the_custom_kinds_each_stack_emits()
    {
        var stacks = Organisations.Named(Organisations.Shipped).Cli("stacks");
        var kinds = stacks.Out.Split("\n\n")
            .Where(block => block.Length > 0)
            .ToDictionary(block => block.Split("  ")[0], block => block.Split('\n').SingleOrDefault(line => line.StartsWith(CustomKinds, StringComparison.Ordinal)));

        Assert.Equal(0, stacks.ExitCode);
        Assert.Equal(CustomKinds + "ServiceMonitor (monitoring.coreos.com/v1), PrometheusRule (monitoring.coreos.com/v1)", kinds["rabbitmq"]);
        Assert.Equal(CustomKinds + "HTTPRoute (gateway.networking.k8s.io/v1)", kinds["web"]);
        Assert.Null(kinds["workers"]);
    }

    [Theory]
    [InlineData(Organisations.Fixture)]
    [InlineData(Organisations.Shipped)]
    public void Every_setting_of_every_stack_has_a_type_the_binder_binds(string organisation)
    {
        var unsupported = Organisations.Named(organisation).Catalog.Stacks
            .SelectMany(stack => SettingsBinder.Unsupported(stack.SettingsType, stack.Name))
            .Select(setting => setting.Message)
            .ToArray();

        Assert.True(unsupported.Length == 0, string.Join("\n", unsupported));
    }

    [Theory]
    [InlineData(Organisations.Fixture)]
    [InlineData(Organisations.Shipped)]
    public void Stacks_describes_every_setting_and_explain_addresses_the_same_ones(string organisation)
    {
        var org = Organisations.Named(organisation);
        var stacks = org.Cli("stacks");
        Assert.Equal(0, stacks.ExitCode);

        // A setting line of `stacks` is "  PATH  TYPE  default VALUE"; "mapping" is what Describe says of a type it does not know.
        var described = stacks.Out.Split('\n')
            .Where(line => line.StartsWith("  ", StringComparison.Ordinal) && !line.StartsWith(CustomKinds, StringComparison.Ordinal))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToArray();
        Assert.All(described, fields => Assert.True(fields.Length >= 3 && fields[1] is not ("mapping" or "default"), $"`stacks` does not describe the type of {string.Join(' ', fields)}"));

        var explained = org.Environments
            .Select(environment => org.Cli("explain", "--env", environment))
            .SelectMany(run =>
            {
                Assert.Equal(0, run.ExitCode);
                return run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line[..line.IndexOf(" = ", StringComparison.Ordinal)]);
            })
            .ToHashSet(StringComparer.Ordinal);
        foreach (var stack in org.Catalog.Stacks)
        {
            // Top-level keys: below them, maps and lists hold what each environment wrote.
            var listed = stacks.Out.Split("\n\n").Single(block => block.StartsWith(stack.Name + "  ", StringComparison.Ordinal)).Split('\n').Skip(1)
                .Where(line => !line.StartsWith(CustomKinds, StringComparison.Ordinal))
                .Select(line => line.Trim().Split(' ')[0].Split('.')[0])
                .Where(key => key.Length > 0)
                .ToHashSet(StringComparer.Ordinal);
            Assert.NotEmpty(listed);
            var addressed = explained.Where(path => path.StartsWith(stack.Name + ".", StringComparison.Ordinal)).Select(path => path[(stack.Name.Length + 1)..].Split('.')[0]).ToHashSet(StringComparer.Ordinal);
            Assert.True(listed.SetEquals(addressed), $"{stack.Name}: `stacks` lists {string.Join(", ", listed.Order())}; `explain` addresses {string.Join(", ", addressed.Order())}");
        }
    }

    [Fact]
    public void The_walker_reports_every_property_the_binder_cannot_bind_with_its_path_and_type()
    {
        var unsupported = SettingsBinder.Unsupported(typeof(UnbindableSettings), "odd");

        Assert.Equal(
            [("odd.endpoint", typeof(Uri)), ("odd.nested.where", typeof(Coordinates)), ("odd.points[]", typeof(Coordinates)), ("odd.mirrors.*", typeof(Uri))],
            unsupported.Select(u => (u.Path, u.Type)));
        Assert.All(unsupported, u => Assert.Equal(typeof(UnbindableSettings), u.SettingsType));
        Assert.Contains("System.Uri", unsupported[0].Message, StringComparison.Ordinal);
        Assert.Contains(UnsupportedSetting.DeclaredIn, unsupported[0].Message, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Repository.Root, UnsupportedSetting.DeclaredIn)), $"{UnsupportedSetting.DeclaredIn} moved: the message points at it");
    }

    [Theory]
    [InlineData("stacks")]
    [InlineData("explain", "--env", "dev")]
    [InlineData("render", "--env", "dev")]
    [InlineData("render", "--env", "dev", "--set", "odd.endpoint=https://example.org")]
    public void A_command_names_an_unsupported_setting_type_as_an_input_error_instead_of_omitting_it(params string[] args)
    {
        using var repository = new ScratchRepository().With("dev.yaml", ScratchRepository.DevTarget + "stacks:\n  odd:\n");

        var run = CliRun.In(repository.Root, new StackCatalog("odd-shop", [new UnbindableStack()]), args);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.StartsWith(
            $"default in code: error: odd.endpoint: the settings type {typeof(UnbindableSettings).FullName} has a property of type System.Uri, which the binder cannot bind; make Uri implement StackGen.Settings.ISettingValue<Uri> (src/StackGen/Settings/ISettingValue.cs; see src/StackGen/Settings/Duration.cs)",
            run.ErrorLines[0],
            StringComparison.Ordinal);
        Assert.Equal(4, run.ErrorLines.Count(line => line.Contains("which the binder cannot bind", StringComparison.Ordinal)));
    }

    /// <summary>
    /// A value type declared outside the engine (README's <see cref="Percentage"/>, as it would sit next to its stack) is
    /// one file: the binder parses it, `stacks` lists its name and default, `explain` displays it and a bad value is an
    /// input error saying what the type expects, with no table to edit anywhere.
    /// </summary>
    [Fact]
    public void A_value_type_declared_next_to_its_stack_needs_no_other_edit()
    {
        using var repository = new ScratchRepository().With("dev.yaml", ScratchRepository.DevTarget + "stacks:\n  shares:\n    target: 80%\n");
        var catalog = new StackCatalog("share-shop", [new ShareStack()]);

        var stacks = CliRun.In(repository.Root, catalog, "stacks");
        var explain = CliRun.In(repository.Root, catalog, "explain", "--env", "dev", "shares");
        var bad = CliRun.In(repository.Root, catalog, "render", "--env", "dev", "--set", "shares.floor=150%");

        Assert.Empty(SettingsBinder.Unsupported(typeof(ShareSettings), "shares"));
        Assert.Equal(0, stacks.ExitCode);
        Assert.Matches(@"\n  target +percentage +default 50%\n", stacks.Out);
        Assert.Equal(["shares.target = 80%  (environments/dev.yaml:7:13, overrides default in code)"], explain.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("shares.target", StringComparison.Ordinal)));
        Assert.Equal(2, bad.ExitCode);
        Assert.Equal([$"--set shares.floor=150%: error: shares.floor: expected {Percentage.Expected}, got '150%'"], bad.ErrorLines);
    }

    /// <summary>The binder reads a value type's members by name: one written as explicit interface implementations fails the catalog test, named.</summary>
    [Fact]
    public void A_value_type_with_explicit_members_is_named_by_the_catalog_walk()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SettingsBinder.Unsupported(typeof(HiddenSettings), "hidden"));

        Assert.Contains(typeof(Hidden).FullName!, error.Message, StringComparison.Ordinal);
        Assert.Contains("implement its members implicitly", error.Message, StringComparison.Ordinal);
    }

    private sealed record Hidden : StackGen.Settings.ISettingValue<Hidden>
    {
        static string StackGen.Settings.ISettingValue<Hidden>.TypeName => "hidden";

        static string StackGen.Settings.ISettingValue<Hidden>.Expected => "anything";

        static bool StackGen.Settings.ISettingValue<Hidden>.TryParse(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Hidden? value)
        {
            value = new Hidden();
            return true;
        }
    }

    private sealed record HiddenSettings
    {
        public Hidden? Value { get; init; }
    }

    private sealed record ShareSettings
    {
        public Percentage Target { get; init; } = Percentage.TryParse("50%", out var half) ? half : throw new InvalidOperationException();

        public Percentage? Floor { get; init; }
    }

    private sealed class ShareStack : StackGen.Stacks.Stack<ShareSettings>
    {
        public override string Name => "shares";

        public override string Owner => "platform";

        public override string Description => "A stack whose settings use a value type declared outside the engine.";

        protected override IEnumerable<IKubernetesObject<V1ObjectMeta>> Build(StackContext context, ShareSettings settings) => [];
    }

    private readonly record struct Coordinates(int X, int Y);

    private sealed record Location
    {
        public Coordinates Where { get; init; }
    }

    private sealed record UnbindableSettings
    {
        public int Replicas { get; init; } = 1;

        public Uri? Endpoint { get; init; }

        public Location Nested { get; init; } = new();

        public IReadOnlyList<Coordinates> Points { get; init; } = [];

        public IReadOnlyDictionary<string, Uri> Mirrors { get; init; } = new Dictionary<string, Uri>();
    }

    private sealed class UnbindableStack : StackGen.Stacks.Stack<UnbindableSettings>
    {
        public override string Name => "odd";

        public override string Owner => "platform";

        public override string Description => "A stack whose settings use types nobody declared.";

        protected override IEnumerable<IKubernetesObject<V1ObjectMeta>> Build(StackContext context, UnbindableSettings settings) => [];
    }
}
