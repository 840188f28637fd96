using System.Text.Json.Nodes;
using StackGen.Apply.Diffing;

namespace StackGen.Tests.Apply;

public sealed class DroppedFieldsTests
{
    private static IReadOnlyList<string> Find(string sent, string answer) =>
        DroppedFields.Find(JsonNode.Parse(sent)!.AsObject(), JsonNode.Parse(answer)!.AsObject());

    [Fact]
    public void Fields_missing_from_the_answer_are_named_by_path_through_objects_and_lists()
    {
        var dropped = Find(
            """{"apiVersion":"x/v1","kind":"W","metadata":{"name":"w","labels":{"a":"b"}},"spec":{"endpoint":[{"port":"web"}],"endpoints":[{"port":"web","intervall":"30s"}],"size":1},"extra":true}""",
            """{"apiVersion":"x/v1","kind":"W","metadata":{"name":"w","uid":"1"},"spec":{"endpoints":[{"port":"web"}],"size":1,"defaulted":2},"status":{}}""");

        Assert.Equal(["spec.endpoint", "spec.endpoints[0].intervall", "extra"], dropped);
    }

    [Fact]
    public void Nothing_is_named_when_the_server_kept_everything_or_reshaped_a_list()
    {
        Assert.Empty(Find("""{"spec":{"a":{"b":1}}}""", """{"spec":{"a":{"b":2,"c":3}}}"""));
        Assert.Empty(Find("""{"spec":{"items":[{"x":1},{"y":2}]}}""", """{"spec":{"items":[{"x":1}]}}"""));
    }
}
