using StackGen.Tests.Support;

namespace StackGen.Tests.Golden;

/// <summary>Every stack in every environment, compared with its reviewed golden manifest.</summary>
public sealed class GoldenManifestTests
{
    public static TheoryData<string, string> StacksByEnvironment()
    {
        var data = new TheoryData<string, string>();
        foreach (var environment in Renders.Environments)
        {
            foreach (var stack in Renders.Render(environment).Environment.Stacks)
            {
                data.Add(stack.Stack.Name, environment);
            }
        }

        return data;
    }

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
        foreach (var environment in Renders.Environments)
        {
            var deployed = Renders.Render(environment).Environment.Stacks.Select(s => s.Stack.Name);
            Assert.Equal(Renders.Catalog.Names.Order(StringComparer.Ordinal), deployed.Order(StringComparer.Ordinal));
        }
    }
}
