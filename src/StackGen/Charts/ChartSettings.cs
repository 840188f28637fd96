using System.Diagnostics.CodeAnalysis;
using StackGen.Binding;
using StackGen.Diagnostics;

namespace StackGen.Charts;

/// <summary>
/// The chart values in a stack's bound settings (properties of type <see cref="ChartValues"/> made with
/// <see cref="ChartValues.For"/>), checked when the environment is loaded, so that render, lint, diff, apply and explain
/// all refuse the same values: the chart must be vendored and untouched, and where it ships values.schema.json the
/// values must satisfy it (a misspelt key is an error where it was written, with a did-you-mean).
/// </summary>
public static class ChartSettings
{
    /// <param name="root">The repository root; null for an environment built in code (nothing to check against).</param>
    /// <param name="declared">Where the environment lists the stack: the error when the chart is not vendored.</param>
    public static void Check(object settings, string? root, SourceLocation declared, ErrorList errors)
    {
        if (root is null)
        {
            return;
        }

        foreach (var values in Find(settings))
        {
            try
            {
                var chart = VendoredCharts.Find(root, values.Chart!, declared);
                errors.AddRange(ChartValuesSchema.Check(chart, values));
            }
            catch (InputException e)
            {
                errors.AddRange(e.Errors);
            }
        }
    }

    /// <summary>Every chart's values in the record, at any depth of nested records, in declaration order.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2072", Justification = Trimming.SettingsAreRooted)]
    public static IReadOnlyList<ChartValues> Find(object settings)
    {
        var found = new List<ChartValues>();
        foreach (var property in SettingProperties.Of(settings.GetType()).Properties)
        {
            switch (property.GetValue(settings))
            {
                case ChartValues { Chart: not null } values:
                    found.Add(values);
                    break;
                case { } nested when nested is not System.Collections.IEnumerable && SettingProperties.IsRecord(nested.GetType()):
                    found.AddRange(Find(nested));
                    break;
            }
        }

        return found;
    }
}
