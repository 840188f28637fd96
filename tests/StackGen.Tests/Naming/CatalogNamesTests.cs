using StackGen.Naming;
using StackGen.Tests.Support;

namespace StackGen.Tests.Naming;

/// <summary>A stack's name starts every object name it makes (Services included) and is a label value: a new stack must fit both.</summary>
public sealed class CatalogNamesTests
{
    public static TheoryData<string> Stacks() => [.. Renders.Catalog.Names];

    [Theory]
    [MemberData(nameof(Stacks))]
    public void A_stack_name_is_a_dns_1035_label_used_once(string stack)
    {
        Assert.True(Names.IsDns1035Label(stack), $"stack name '{stack}': {Names.DnsLabelRule}, starting with a letter");
        Assert.Single(Renders.Catalog.Names, name => name == stack);
    }

    [Fact]
    public void The_system_name_is_a_label_value() => Assert.True(Names.IsLabelValue(Renders.Catalog.System));
}
