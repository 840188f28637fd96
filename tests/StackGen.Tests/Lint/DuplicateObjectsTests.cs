namespace StackGen.Tests.Lint;

/// <summary>Two objects of one kind and name are an input error at render (ObjectNameTests); lint never fails on them.</summary>
public sealed class DuplicateObjectsTests
{
    [Fact]
    public void No_rule_fails_on_objects_of_one_kind_and_name()
    {
        // Render refuses such a render (an input error at the stack); lint must still not fail on one built by hand:
        // every object twice in its own stack and once more in another.
        var failure = Record.Exception(() => LintRun.Of("production", r => r with
        {
            Objects = [.. r.Objects, .. r.Objects, .. r.Objects.Select(o => o with { Stack = o.Stack == "worker" ? "backup" : "worker" })],
        }));

        Assert.Null(failure);
    }
}
