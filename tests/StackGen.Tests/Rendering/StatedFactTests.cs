using k8s;
using k8s.Models;
using StackGen.Facts;
using StackGen.Layering;
using StackGen.Rendering;
using StackGen.Stacks;
using StackGen.Tests.Fixtures;
using StackGen.Tests.Support;
using StackGen.Validation;

namespace StackGen.Tests.Rendering;

/// <summary>Facts stacks state while they build reach lint with their rendered objects, and never the output.</summary>
public sealed class StatedFactTests
{
    [Fact]
    public void Each_fact_reaches_lint_with_the_object_it_is_about_and_the_stack_that_stated_it()
    {
        var result = FixtureOrganisation.Organisation.Render("production");
        var context = new LintContext(result, []);

        var (backup, fact) = Assert.Single(context.Facts<BackupWorkload>());
        Assert.Equal(("backup", "Deployment/backup"), (backup.Stack, backup.Id));
        Assert.Equal(new BackupWorkload("resources", LowPriority: true), fact);
        Assert.Equal("Deployment/worker-scheduler", Assert.Single(context.Facts<SingleWriter>()).Rendered.Id);
        Assert.Equal(["backup", "broker", "worker"], result.Facts.Select(f => f.Stack).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Facts_are_not_written_out()
    {
        var yaml = FixtureOrganisation.Organisation.Yaml("production");

        Assert.DoesNotContain(nameof(BackupWorkload), yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("LowPriority", yaml, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A fact about an object the build does not return would never be checked: a bug in the stack, named.</summary>
    [Fact]
    public void A_fact_about_an_object_the_build_does_not_return_is_a_bug_naming_the_stack()
    {
        var catalog = new StackCatalog("test", [new Forgetful()]);
        using var repository = new ScratchRepository().With("dev.yaml", ScratchRepository.DevTarget + "stacks:\n  forgetful: {}\n");
        var environment = new EnvironmentLoader(repository.Root, catalog).Load("dev", []);

        var error = Assert.Throws<InvalidOperationException>(() => new Renderer(catalog).Render(environment, []));

        Assert.Equal("stack forgetful stated a SingleWriter fact about V1Deployment/forgetful-beat, which its build does not return", error.Message);
    }

    public sealed record Empty;

    private sealed class Forgetful : StackGen.Stacks.Stack<Empty>
    {
        public override string Name => "forgetful";

        public override string Owner => "test";

        public override string Description => "states a fact about a Deployment it then leaves out";

        protected override IEnumerable<IKubernetesObject<V1ObjectMeta>> Build(StackContext context, Empty settings)
        {
            context.State(new V1Deployment { Metadata = context.Metadata(context.Name("beat"), "beat") }, new SingleWriter());
            return [new V1ConfigMap { Metadata = context.Metadata(context.Name(), "config") }];
        }
    }
}
