using StackGen.Apply.Sets;
using StackGen.Tests.FakeKube;
using StackGen.Tests.Fixtures;
using StackGen.Tests.Fixtures.Stacks;
using StackGen.Tests.Support;

namespace StackGen.Tests.Apply;

/// <summary>
/// `stackgen apply` of a render that ships a CustomResourceDefinition and resources of it: the definition first, its
/// resources once it is Established and discovery serves their kind; then re-apply, prune, waits, diff and history
/// as for built-in kinds.
/// </summary>
public sealed class CustomResourceApplyTests : IAsyncLifetime
{
    private const string DefinitionPath = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/" + Gadgets.DefinitionName;
    private const string WidgetsPath = "/apis/example.com/v1/namespaces/shop/widgets/";

    private FakeCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await FakeCluster.StartAsync(organisation: CustomResourceOrganisation.Organisation);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private CliRun Apply(params string[] args) => _cluster.Apply(args);

    [Fact]
    public void The_definition_is_applied_and_established_before_any_request_about_its_resources()
    {
        _cluster.Server.Simulator.PollsUntilReady = 3;

        var run = Apply();

        var requests = _cluster.Server.Requests;
        var definitionApplied = requests.Single(r => r.Method == "PATCH" && r.Path == DefinitionPath && r.QueryValue("dryRun") is null).Number;
        var firstAboutWidget = requests.First(r => r.Path.StartsWith(WidgetsPath, StringComparison.Ordinal)).Number;
        var polls = requests.Count(r => r.Method == "GET" && r.Path == DefinitionPath && r.Number > definitionApplied && r.Number < firstAboutWidget);
        Assert.True(definitionApplied < firstAboutWidget, "the Widget was asked about before its definition was applied");

        // The server reports Established from the third GET on: the Widget was not even dry-run before it.
        Assert.True(polls >= 3, $"only {polls} GET(s) of the definition before the first Widget request");
        var widget = requests.Single(r => r.Method == "PATCH" && r.Path == WidgetsPath + "widget-1" && r.QueryValue("dryRun") is null);
        Assert.Equal(("application/apply-patch+yaml", "stackgen"), (widget.MediaType, widget.QueryValue("fieldManager")));
        Assert.Contains("customresourcedefinition/widgets.example.com: ready (established)", run.Out, StringComparison.Ordinal);
        Assert.True(
            run.Out.IndexOf("customresourcedefinition/widgets.example.com: ready (established)", StringComparison.Ordinal) < run.Out.IndexOf("widget/widget-1: created", StringComparison.Ordinal),
            run.Out);
        Assert.Contains("widget/widget-1: ready (exists)", run.Out, StringComparison.Ordinal);
        Assert.Contains("gadgets: recorded revision 1", run.Out, StringComparison.Ordinal);
        _cluster.AssertLiveEqualsRender(CustomResourceOrganisation.Organisation.Render("production"));
    }

    [Fact]
    public void Custom_kinds_are_members_of_the_ApplySet_and_a_re_apply_writes_nothing()
    {
        Apply();
        _cluster.Server.ClearRequests();

        var again = Apply();

        var parent = _cluster.Live("v1", "Secret", "stackgen-gadgets")!;
        Assert.Equal(
            "CustomResourceDefinition.apiextensions.k8s.io,Widget.example.com",
            (string?)parent["metadata"]!["annotations"]![ApplySet.ContainsGroupKindsAnnotation]);
        Assert.Equal(FakeCluster.SetId("gadgets"), (string?)_cluster.Live(Gadgets.ApiVersion, Gadgets.WidgetKind, "widget-1")!["metadata"]!["labels"]![ApplySet.PartOfLabel]);
        Assert.Contains("no changes", again.Out, StringComparison.Ordinal);
        Assert.Empty(_cluster.Writes());
        Assert.Equal(0, _cluster.Run("diff", "--env", "production").ExitCode);
    }

    [Fact]
    public void A_resource_that_leaves_the_render_is_pruned_and_diff_said_so_first()
    {
        Apply("--set", "gadgets.widgets=2");
        Assert.NotNull(_cluster.Live(Gadgets.ApiVersion, Gadgets.WidgetKind, "widget-2"));

        var diff = _cluster.Run("diff", "--env", "production");
        var run = Apply();

        Assert.Equal((1, "would prune widget/widget-2 (left the render of stack gadgets)\n"), (diff.ExitCode, diff.Out));
        Assert.Contains("widget/widget-2: pruned", run.Out, StringComparison.Ordinal);
        Assert.Equal(WidgetsPath + "widget-2", Assert.Single(_cluster.Writes(), r => r.Method == "DELETE" && r.Path.StartsWith(WidgetsPath, StringComparison.Ordinal)).Path);
        Assert.Null(_cluster.Live(Gadgets.ApiVersion, Gadgets.WidgetKind, "widget-2"));
        Assert.NotNull(_cluster.Live(Gadgets.ApiVersion, Gadgets.WidgetKind, "widget-1"));
        _cluster.AssertLiveEqualsRender(CustomResourceOrganisation.Organisation.Render("production"));
    }

    [Fact]
    public void A_definition_whose_names_the_cluster_refuses_fails_at_once_with_the_reason()
    {
        _cluster.Server.Simulator.Fail("apiextensions.k8s.io/v1", "CustomResourceDefinition", null, Gadgets.DefinitionName, "NameConflict", "\"widgets\" is already in use");

        var run = _cluster.Run("apply", "--env", "production");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            "error: customresourcedefinition/widgets.example.com: failed: NamesAccepted: NameConflict: \"widgets\" is already in use; nothing that needs it was applied (apply again once it is Established)",
            Assert.Single(run.ErrorLines));
        Assert.DoesNotContain(_cluster.Server.Requests, r => r.Path.StartsWith(WidgetsPath, StringComparison.Ordinal));
    }

    [Fact]
    public void Dry_run_lists_the_definition_and_its_resources_and_changes_nothing()
    {
        var run = Apply("--dry-run");

        Assert.Contains("customresourcedefinition/widgets.example.com: created (dry run)\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("widget/widget-1: created (dry run)\n", run.Out, StringComparison.Ordinal);
        Assert.Empty(_cluster.Writes());
        Assert.Null(_cluster.Live("apiextensions.k8s.io/v1", "CustomResourceDefinition", Gadgets.DefinitionName, null));
    }

    [Fact]
    public void A_definition_that_leaves_the_render_is_kept_with_its_resources()
    {
        Apply();
        _cluster.Server.ClearRequests();

        var run = Apply("--set", "gadgets.definition=false");

        Assert.Contains(
            "customresourcedefinition/widgets.example.com: kept, not pruned (CustomResourceDefinitions are never pruned: deleting one deletes every resource of its kinds in the cluster)",
            run.Out,
            StringComparison.Ordinal);
        Assert.DoesNotContain(_cluster.Writes(), r => r.Method == "DELETE" && !r.Path.Contains("/leases/", StringComparison.Ordinal));
        Assert.NotNull(_cluster.Live("apiextensions.k8s.io/v1", "CustomResourceDefinition", Gadgets.DefinitionName, null));
        Assert.NotNull(_cluster.Live(Gadgets.ApiVersion, Gadgets.WidgetKind, "widget-1"));
    }

    [Fact]
    public void A_definition_that_never_becomes_established_fails_naming_it_and_none_of_its_resources_is_applied()
    {
        _cluster.Server.Simulator.Stall("apiextensions.k8s.io/v1", "CustomResourceDefinition", null, Gadgets.DefinitionName);

        var run = _cluster.Run("apply", "--env", "production", "--timeout", "30s");

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Equal(
            "error: customresourcedefinition/widgets.example.com: not ready after 30s: Established: Installing: the initial names have been accepted; nothing that needs it was applied (apply again once it is Established)",
            line);
        Assert.DoesNotContain(_cluster.Server.Requests, r => r.Path.StartsWith(WidgetsPath, StringComparison.Ordinal));
        Assert.Equal("", _cluster.Run("history", "--env", "production", "--stack", "gadgets").Out);

        // Once the cluster establishes it, the next apply applies the rest.
        _cluster.Server.Simulator.Succeed("apiextensions.k8s.io/v1", "CustomResourceDefinition", null, Gadgets.DefinitionName);
        Apply();
        _cluster.AssertLiveEqualsRender(CustomResourceOrganisation.Organisation.Render("production"));
    }

    [Fact]
    public void A_cluster_scoped_kind_takes_its_scope_from_its_definition_not_from_the_render()
    {
        const string ClusterWide = "gadgets.clusterWide=true";
        Assert.Equal(FakeCluster.Namespace, CustomResourceOrganisation.Organisation.Render("production", [ClusterWide]).Objects.Single(o => o.Kind == Gadgets.ClassKind).Resource.Metadata.NamespaceProperty);

        Apply("--set", ClusterWide);
        var live = _cluster.Live(Gadgets.ApiVersion, Gadgets.ClassKind, "standard", null)!;
        Assert.Contains(_cluster.Writes(), r => r.Method == "PATCH" && r.Path == "/apis/example.com/v1/gadgetclasses/standard");
        Assert.Null(live["metadata"]!["namespace"]);
        _cluster.Server.ClearRequests();
        var again = Apply("--set", ClusterWide);
        var diff = _cluster.Run("diff", "--env", "production", "--set", ClusterWide);
        var removed = Apply();

        Assert.Contains("no changes", again.Out, StringComparison.Ordinal);
        Assert.Equal(0, diff.ExitCode);
        Assert.Contains("gadgetclass/standard: pruned", removed.Out, StringComparison.Ordinal);
        Assert.Equal("/apis/example.com/v1/gadgetclasses/standard", Assert.Single(_cluster.Writes(), r => r.Method == "DELETE" && !r.Path.Contains("/leases/", StringComparison.Ordinal)).Path);
        Assert.Null(_cluster.Live(Gadgets.ApiVersion, Gadgets.ClassKind, "standard", null));
    }

    [Fact]
    public void A_resource_of_a_kind_nothing_defines_is_refused_before_anything_is_written()
    {
        var run = _cluster.Run("apply", "--env", "production", "--set", "gadgets.gizmo=true");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            "error: gizmo/gizmo in namespace shop (stack gadgets): the cluster does not serve kind Gizmo in example.com/v1 and no CustomResourceDefinition in the render defines it; install its CustomResourceDefinition (or render it with a stack) and apply again",
            run.ErrorLines[0]);
        Assert.Empty(_cluster.Writes());
    }

    [Fact]
    public void Without_its_definition_in_the_render_a_resource_needs_the_cluster_to_serve_its_kind()
    {
        var refused = _cluster.Run("apply", "--env", "production", "--set", "gadgets.definition=false");
        Assert.Equal(1, refused.ExitCode);
        Assert.StartsWith("error: widget/widget-1 in namespace shop (stack gadgets): the cluster does not serve kind Widget", refused.ErrorLines[0], StringComparison.Ordinal);
        Assert.Empty(_cluster.Writes());

        // Installed some other way (by hand, by an operator's chart): discovery finds the kind and the Widget applies.
        Apply("--stack", "gadgets");
        Apply("--set", "gadgets.definition=false");
        Assert.NotNull(_cluster.Live(Gadgets.ApiVersion, Gadgets.WidgetKind, "widget-1"));
    }

    [Fact]
    public void A_Ready_condition_is_waited_for_with_its_message()
    {
        _cluster.Server.Simulator.ReportReadyCondition(Gadgets.ApiVersion, Gadgets.WidgetKind);

        var run = Apply();

        Assert.Contains("widget/widget-1: Ready=False: Reconciling: the controller is reconciling the resource\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("widget/widget-1: ready (Ready=True: Reconciled: the resource is ready)\n", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Ready_condition_that_stays_false_fails_the_apply_with_its_message_and_records_no_revision()
    {
        _cluster.Server.Simulator.ReportReadyCondition(Gadgets.ApiVersion, Gadgets.WidgetKind);
        _cluster.Server.Simulator.Fail(Gadgets.ApiVersion, Gadgets.WidgetKind, FakeCluster.Namespace, "widget-1", "BackendUnavailable", "the widget backend is not reachable");

        var run = _cluster.Run("apply", "--env", "production", "--timeout", "1m");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("widget/widget-1: not ready after 1m: Ready=False: BackendUnavailable: the widget backend is not reachable\n", run.Error, StringComparison.Ordinal);
        Assert.Contains("no revision was recorded", run.Error, StringComparison.Ordinal);
        Assert.Equal("", _cluster.Run("history", "--env", "production", "--stack", "gadgets").Out);
    }

    [Fact]
    public void Diff_shows_custom_resources_before_their_kind_is_served_and_after()
    {
        var install = _cluster.Run("diff", "--env", "production");
        Assert.Equal(1, install.ExitCode);
        Assert.Contains("+++ applied/apiextensions.k8s.io.v1.CustomResourceDefinition.-.widgets.example.com\n", install.Out, StringComparison.Ordinal);
        Assert.Contains("+++ applied/example.com.v1.Widget.shop.widget-1\n", install.Out, StringComparison.Ordinal);
        Assert.Contains("+kind: Widget\n", install.Out, StringComparison.Ordinal);
        Assert.Empty(_cluster.Writes());
        Apply();

        var change = _cluster.Run("diff", "--env", "production", "--set", "gadgets.size=2");

        Assert.Equal(1, change.ExitCode);
        Assert.Contains("--- live/example.com.v1.Widget.shop.widget-1\n", change.Out, StringComparison.Ordinal);
        Assert.Contains("-  size: 1\n+  size: 2\n", change.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Fields_the_definition_does_not_declare_are_named_because_the_cluster_drops_them_silently()
    {
        const string Colour = "gadgets.colour=blue";
        const string Warning = "warning: widget/widget-1 (stack gadgets): the cluster drops spec.colour, which its CustomResourceDefinition does not declare (misspelt?); they are never applied";

        var run = Apply("--set", Colour);
        var diff = _cluster.Run("diff", "--env", "production", "--set", Colour);

        Assert.Equal([Warning], run.ErrorLines);
        Assert.Null(_cluster.Live(Gadgets.ApiVersion, Gadgets.WidgetKind, "widget-1")!["spec"]!["colour"]);
        Assert.Equal((0, Warning + "\n"), (diff.ExitCode, diff.Error));
        Assert.Equal("", Apply().Error);
    }

    [Fact]
    public void A_changed_definition_is_established_before_its_resources_are_planned_against_it()
    {
        Apply();
        _cluster.Server.ClearRequests();

        // Planned against the old definition, the Widget's new field would be dropped by the dry run and the Widget
        // found unchanged; planned again after the new definition, it is written with it.
        var run = Apply("--set", "gadgets.declareColour=true", "--set", "gadgets.colour=blue");

        Assert.Equal("", run.Error);
        Assert.Equal("blue", (string?)_cluster.Live(Gadgets.ApiVersion, Gadgets.WidgetKind, "widget-1")!["spec"]!["colour"]);
        var writes = _cluster.Writes().Where(r => r.Method == "PATCH").Select(r => r.Path).ToList();
        Assert.True(writes.IndexOf(DefinitionPath) < writes.IndexOf(WidgetsPath + "widget-1"), string.Join("\n", writes));
        Assert.Contains("customresourcedefinition/widgets.example.com: configured", run.Out, StringComparison.Ordinal);
        Assert.Contains("widget/widget-1: configured", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void History_records_custom_resources_and_rollback_restores_them()
    {
        Apply();
        Apply("--set", "gadgets.size=2");
        Assert.Equal(2L, (long?)_cluster.Live(Gadgets.ApiVersion, Gadgets.WidgetKind, "widget-1")!["spec"]!["size"]);
        var history = _cluster.Run("history", "--env", "production", "--stack", "gadgets");
        Assert.Equal(2, history.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1);

        var rollback = _cluster.Run("rollback", "--env", "production", "--stack", "gadgets");

        Assert.True(rollback.ExitCode == 0, rollback.Out + rollback.Error);
        Assert.Contains("widget/widget-1: configured", rollback.Out, StringComparison.Ordinal);
        Assert.Equal(1L, (long?)_cluster.Live(Gadgets.ApiVersion, Gadgets.WidgetKind, "widget-1")!["spec"]!["size"]);
        _cluster.AssertLiveEqualsRender(CustomResourceOrganisation.Organisation.Render("production"));
    }
}
