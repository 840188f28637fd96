using StackGen.Charts;

namespace StackGen.Tests.Charts;

public sealed record LegacyChartSettings
{
    public ChartValues Values { get; init; } = ChartValues.For("legacy");
}
