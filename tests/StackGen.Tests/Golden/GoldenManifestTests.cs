using StackGen.Tests.Support;

namespace StackGen.Tests.Golden;

/// <summary>Every stack in every environment, compared with its reviewed golden manifest.</summary>
public sealed class GoldenManifestTests
{
    /// <summary>From the catalog and the environment files: a new stack or environment gets its cases without an edit here.</summary>
    public static TheoryData<string, string> StacksByEnvironment() => OrganisationChecks.StacksByEnvironment(Renders.Shipped);

    [Theory]
    [MemberData(nameof(StacksByEnvironment))]
    public void Stack_renders_as_its_golden_manifest(string stack, string environment)
    {
        var result = Renders.Render(environment, stacks: [stack]);

        Snapshot.Verify($"{stack}/{environment}", Renders.Yaml(result));
    }

    [Fact]
    public void Every_stack_is_deployed_in_every_environment()
    {
        OrganisationChecks.DeploysEveryStackEverywhere(Renders.Shipped);
    }
}
