using StackGen.Charts;

namespace StackGen.Tests.Charts;

public sealed record BrokerChartSettings
{
    /// <summary>The chart's values, from the environment files, checked against its values.schema.json.</summary>
    public ChartValues Values { get; init; } = ChartValues.For("queue");

    /// <summary>The StatefulSet the stack patches: a setting, so a test can ask for one the chart does not render.</summary>
    public string Nodes { get; init; } = "broker-queue";
}
