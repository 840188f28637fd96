using System.Text.Json.Nodes;
using StackGen.Layering;

namespace StackGen.Tests.Layering;

public sealed class ScalarNodeTests
{
    [Theory]
    [InlineData("3", "3")]
    [InlineData("-12", "-12")]
    [InlineData("+7", "7")]
    [InlineData("1.5", "1.5")]
    [InlineData(".5", "0.5")]
    [InlineData("1e3", "1000")]
    [InlineData("true", "true")]
    [InlineData("FALSE", "false")]
    [InlineData("null", "null")]
    [InlineData("~", "null")]
    [InlineData("0x1F", "\"0x1F\"")]
    [InlineData("1_000", "\"1_000\"")]
    [InlineData("yes", "\"yes\"")]
    [InlineData("1e400", "\"1e400\"")]
    [InlineData(".inf", "\".inf\"")]
    [InlineData("12:30", "\"12:30\"")]
    public void A_plain_scalar_decodes_by_the_yaml_core_schema(string text, string json)
    {
        var value = new ScalarNode { Text = text, IsPlain = true, Location = StackGen.Diagnostics.SourceLocation.CodeDefault }.ToJsonValue();

        Assert.Equal(json, value?.ToJsonString() ?? "null");
    }

    [Theory]
    [InlineData("3")]
    [InlineData("true")]
    [InlineData("null")]
    public void A_quoted_scalar_is_always_a_string(string text)
    {
        var value = new ScalarNode { Text = text, IsPlain = false, Location = StackGen.Diagnostics.SourceLocation.CodeDefault }.ToJsonValue();

        Assert.Equal(JsonValue.Create(text)!.ToJsonString(), value!.ToJsonString());
    }
}
